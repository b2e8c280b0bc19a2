package org.intstream.engine.cql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.intstream.query.plan.WindowSpec;

/**
 * The content of one window over a stream, instant by instant (docs/cql.md): [Range T] holds the tuples of
 * (τ − T, τ], [Range T Slide L] those of (b − T, b] for the latest multiple b of L, [Now] those stamped τ,
 * [Rows N] the N latest, [Unbounded] all. Tuples arrive in time order.
 */
final class WindowState {
    /** What the window keeps. */
    enum Kind { RANGE, SLID, NOW, ROWS, UNBOUNDED }

    private static final class Entry {
        final Object[] row;
        final long ts;

        Entry(Object[] row, long ts) {
            this.row = row;
            this.ts = ts;
        }
    }

    private final Kind kind;
    private final long size;
    private final long slide;
    private final long rows;
    private final ArrayDeque<Entry> buffer = new ArrayDeque<>();
    private boolean changed;
    private long now = Long.MIN_VALUE;
    private long boundary = Long.MIN_VALUE;
    private List<Object[]> visible = new ArrayList<>();
    private boolean visibleStale = true;
    /** When an incremental operator reads this window: rows that entered and left since it last looked. */
    private boolean trackDeltas;
    private final List<Object[]> entered = new ArrayList<>();
    private final List<Object[]> left = new ArrayList<>();

    /** Makes the window record what enters and leaves it, for {@link #drainDeltas}. */
    void trackDeltas() {
        trackDeltas = true;
    }

    /** Hands over what entered and left the window since the last call, and forgets it. */
    void drainDeltas(java.util.function.Consumer<Object[]> in, java.util.function.Consumer<Object[]> out) {
        for (Object[] r : left) {
            out.accept(r);
        }
        for (Object[] r : entered) {
            in.accept(r);
        }
        entered.clear();
        left.clear();
    }

    private WindowState(Kind kind, long size, long slide, long rows) {
        this.kind = kind;
        this.size = size;
        this.slide = slide;
        this.rows = rows;
    }

    static WindowState of(WindowSpec spec, long size, long slide, long rows) {
        switch (spec.kind()) {
            case NOW:
                return new WindowState(Kind.NOW, 0, 0, 0);
            case ROWS:
                return new WindowState(Kind.ROWS, 0, 0, rows);
            case UNBOUNDED:
                return new WindowState(Kind.UNBOUNDED, 0, 0, 0);
            default:
                return spec.slide() == null ? new WindowState(Kind.RANGE, size, 0, 0)
                        : new WindowState(Kind.SLID, size, slide, 0);
        }
    }

    /** A tuple arrives with timestamp {@code ts} (the current instant). */
    void add(Object[] row, long ts) {
        buffer.addLast(new Entry(row, ts));
        visibleStale = true;
        switch (kind) {
            case ROWS:
                if (buffer.size() > rows) {
                    leave(buffer.removeFirst());
                }
                enter(row);
                changed = true;
                break;
            case SLID:
                if (ts <= boundary) { // visible at once only when it arrives at a boundary
                    enter(row);
                    changed = true;
                }
                break;
            default:
                enter(row);
                changed = true;
        }
    }

    private void enter(Object[] row) {
        if (trackDeltas) {
            entered.add(row);
        }
    }

    private void leave(Entry e) {
        if (trackDeltas) {
            left.add(e.row);
        }
    }

    /** Moves the window to instant {@code tau}; true when its content changed since the last call. */
    boolean advance(long tau) {
        now = tau;
        switch (kind) {
            case RANGE:
                while (!buffer.isEmpty() && buffer.peekFirst().ts <= tau - size) {
                    leave(buffer.removeFirst());
                    changed = true;
                }
                break;
            case NOW:
                while (!buffer.isEmpty() && buffer.peekFirst().ts < tau) {
                    leave(buffer.removeFirst());
                    changed = true;
                }
                break;
            case SLID: {
                long b = Math.floorDiv(tau, slide) * slide;
                if (b != boundary) {
                    long old = boundary;
                    boolean before = hasVisible(old);
                    if (trackDeltas) {
                        for (Entry e : buffer) {
                            boolean wasVisible = e.ts <= old && e.ts > old - size;
                            boolean isVisible = e.ts <= b && e.ts > b - size;
                            if (wasVisible && !isVisible) {
                                left.add(e.row);
                            } else if (!wasVisible && isVisible) {
                                entered.add(e.row);
                            }
                        }
                    }
                    boundary = b;
                    while (!buffer.isEmpty() && buffer.peekFirst().ts <= b - size) {
                        buffer.removeFirst();
                    }
                    changed |= before || hasVisible(b);
                }
                break;
            }
            default:
                break;
        }
        if (changed) {
            visibleStale = true;
        }
        boolean c = changed;
        changed = false;
        return c;
    }

    private boolean hasVisible(long b) {
        for (Entry e : buffer) {
            if (e.ts > b) {
                return false;
            }
            if (e.ts > b - size) {
                return true;
            }
        }
        return false;
    }

    /** The window's tuples at the current instant, oldest first. */
    List<Object[]> rows() {
        if (!visibleStale) {
            return visible;
        }
        List<Object[]> out = new ArrayList<>(buffer.size());
        Iterator<Entry> it = buffer.iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (kind == Kind.SLID) {
                if (e.ts > boundary) {
                    break;
                }
                if (e.ts <= boundary - size) {
                    continue;
                }
            } else if (kind == Kind.NOW && e.ts != now) {
                continue;
            }
            out.add(e.row);
        }
        visible = out;
        visibleStale = false;
        return out;
    }

    /** The next instant after the current one at which the content changes with no new tuple, or MAX. */
    long nextChange() {
        if (buffer.isEmpty()) {
            return Long.MAX_VALUE;
        }
        switch (kind) {
            case RANGE:
                return buffer.peekFirst().ts + size;
            case NOW:
                return now + 1;
            case SLID:
                return boundary == Long.MIN_VALUE ? Math.floorDiv(buffer.peekFirst().ts, slide) * slide + slide
                        : Math.max(boundary + slide, Math.floorDiv(buffer.peekFirst().ts + slide - 1, slide) * slide);
            default:
                return Long.MAX_VALUE;
        }
    }

    int size() {
        return buffer.size();
    }
}
