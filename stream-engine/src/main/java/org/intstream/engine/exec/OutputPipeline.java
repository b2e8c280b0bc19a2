package org.intstream.engine.exec;

import java.util.List;
import org.intstream.engine.exec.rel.RelationOperator;
import org.intstream.engine.record.Record;

/**
 * Everything one query output runs: its source (packets or another output), the per-record stage, and
 * the relational steps applied to each closed window.
 */
final class OutputPipeline {
    private final OutputInfo info;
    private final String source;
    private final StreamStage stage;
    private final RecordEmitter emitter;
    private final List<RelationOperator> relation;

    OutputPipeline(OutputInfo info, String source, StreamStage stage, RecordEmitter emitter,
            List<RelationOperator> relation) {
        this.info = info;
        this.source = source;
        this.stage = stage;
        this.emitter = emitter;
        this.relation = List.copyOf(relation);
    }

    OutputInfo info() {
        return info;
    }

    /** {@code packets} or the output this pipeline reads. */
    String source() {
        return source;
    }

    boolean windowed() {
        return stage != null;
    }

    long lateRecords() {
        return stage == null ? 0 : stage.lateRecords();
    }

    /** Feeds one input record; an unwindowed pipeline may emit a batch right away. */
    void accept(Record r, StreamStage.BatchConsumer out) {
        if (stage != null) {
            stage.accept(r);
        } else {
            WindowBatch b = emitter.emit(r);
            if (b != null) {
                out.accept(b);
            }
        }
    }

    long nextDeadline() {
        return stage == null ? Long.MAX_VALUE : stage.nextDeadline();
    }

    /** Closes the windows the input watermark has passed and sends their rows, after the relational steps. */
    void advance(long inputWatermark, StreamStage.BatchConsumer out) {
        if (stage == null) {
            return;
        }
        stage.advance(inputWatermark, batch -> {
            WindowBatch b = batch;
            for (RelationOperator op : relation) {
                b = op.apply(b);
            }
            out.accept(b);
        });
    }

    /** Output rows at or after this time may still come; earlier ones are final. */
    long outputWatermark(long inputWatermark) {
        return stage == null ? inputWatermark : stage.outputWatermark(inputWatermark);
    }
}
