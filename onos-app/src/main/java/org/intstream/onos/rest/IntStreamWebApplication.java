package org.intstream.onos.rest;

import java.util.Set;
import org.onlab.rest.AbstractWebApplication;

/** IntStream's REST API under /onos/intstream. */
public class IntStreamWebApplication extends AbstractWebApplication {
    @Override
    public Set<Class<?>> getClasses() {
        return getClasses(QueriesWebResource.class, ResultsWebResource.class, SwitchesWebResource.class);
    }
}
