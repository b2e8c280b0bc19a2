package org.intstream.controller.result;

import org.intstream.controller.merge.MergedWindow;

/** Hears every merged window as it is published. */
public interface ResultListener {

    void published(MergedWindow window);
}
