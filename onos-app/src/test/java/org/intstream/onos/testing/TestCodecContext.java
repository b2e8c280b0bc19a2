package org.intstream.onos.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.CodecService;
import org.onosproject.codec.JsonCodec;

/** A codec context over a codec service, with no other service. */
public class TestCodecContext implements CodecContext {
    private final ObjectMapper mapper = new ObjectMapper();
    private final CodecService codecs;

    public TestCodecContext(CodecService codecs) {
        this.codecs = codecs;
    }

    @Override
    public ObjectMapper mapper() {
        return mapper;
    }

    @Override
    public <T> JsonCodec<T> codec(Class<T> type) {
        return codecs.getCodec(type);
    }

    @Override
    public <T> T getService(Class<T> type) {
        if (type == CodecService.class) {
            return type.cast(codecs);
        }
        throw new IllegalArgumentException("no " + type.getSimpleName() + " in the test codec context");
    }
}
