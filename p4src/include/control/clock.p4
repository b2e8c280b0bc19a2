// SPDX-License-Identifier: GPL-3.0-or-later

#ifndef __CLOCK__
#define __CLOCK__

#include "../header.p4"

// *** CLOCK
// BMv2's ingress_global_timestamp counts microseconds since the switch started. The controller sets an
// offset (the default action's parameter) that turns it into Unix time, so every switch and host agent
// agrees on window boundaries; the soft switch replaying a capture uses the packets' own timestamps and
// an offset of zero.
control Clock(inout local_metadata_t lm, in standard_metadata_t sm) {
    action set_clock_offset(bit<64> offset) {
        lm.now = ((bit<64>) sm.ingress_global_timestamp) + offset;
    }

    /* Clock Table: keyless; only its default action is written. */
    table clock {
        actions = {
            set_clock_offset;
        }
        default_action = set_clock_offset(0);
    }

    apply {
        clock.apply();
    }
}

#endif // __CLOCK__
