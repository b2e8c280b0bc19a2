package org.intstream.onos.testing;

import java.util.Map;
import org.onosproject.net.driver.Behaviour;
import org.onosproject.net.driver.Driver;
import org.onosproject.net.driver.DriverData;
import org.onosproject.net.driver.DriverHandler;

/** A driver handler that only hands out services, which is all the behaviours here ask it for. */
public class ServiceDriverHandler implements DriverHandler {
    private final Map<Class<?>, Object> services;

    public ServiceDriverHandler(Map<Class<?>, Object> services) {
        this.services = services;
    }

    @Override
    public Driver driver() {
        throw new UnsupportedOperationException("tests give services only");
    }

    @Override
    public DriverData data() {
        throw new UnsupportedOperationException("tests give services only");
    }

    @Override
    public <T extends Behaviour> T behaviour(Class<T> behaviourClass) {
        throw new UnsupportedOperationException("tests give services only");
    }

    @Override
    public <T> T get(Class<T> serviceClass) {
        Object s = services.get(serviceClass);
        if (s == null) {
            throw new IllegalStateException("the test gave no " + serviceClass.getSimpleName());
        }
        return serviceClass.cast(s);
    }
}
