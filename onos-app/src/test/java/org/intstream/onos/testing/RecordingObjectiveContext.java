package org.intstream.onos.testing;

import org.onosproject.net.flowobjective.Objective;
import org.onosproject.net.flowobjective.ObjectiveContext;
import org.onosproject.net.flowobjective.ObjectiveError;

/** Remembers how the last objective ended. */
public class RecordingObjectiveContext implements ObjectiveContext {
    public Objective succeeded;
    public ObjectiveError error;

    @Override
    public void onSuccess(Objective objective) {
        succeeded = objective;
    }

    @Override
    public void onError(Objective objective, ObjectiveError error) {
        this.error = error;
    }
}
