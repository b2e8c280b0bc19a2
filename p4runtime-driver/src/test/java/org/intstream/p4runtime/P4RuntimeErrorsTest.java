package org.intstream.p4runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import org.junit.jupiter.api.Test;
import p4.v1.P4RuntimeOuterClass.Error;

class P4RuntimeErrorsTest {

    private static StatusRuntimeException writeFailure(Error... perUpdate) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder().setCode(Status.Code.UNKNOWN.value())
                .setMessage("Error(s) during batch processing");
        for (Error e : perUpdate) {
            status.addDetails(Any.pack(e));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    @Test
    void eachRefusedUpdateIsNamedWithItsCodeAndMessage() {
        StatusRuntimeException e = writeFailure(
                Error.newBuilder().setCanonicalCode(Status.Code.OK.value()).build(),
                Error.newBuilder().setCanonicalCode(Status.Code.ALREADY_EXISTS.value())
                        .setMessage("Match entry exists, use MODIFY if you wish to change action").build(),
                Error.newBuilder().setCanonicalCode(Status.Code.NOT_FOUND.value()).setMessage("no such entry").build());
        P4RuntimeException error = P4RuntimeErrors.from(e, "write to device 1 at here:1",
                List.of("insert table entry a{}", "insert table entry b{}", "delete table entry c{}"), null);

        assertThat(error.code()).isEqualTo(Status.Code.UNKNOWN);
        assertThat(error.updateErrors()).extracting(UpdateError::updateIndex).containsExactly(1, 2);
        assertThat(error.updateErrors().get(0).entity()).isEqualTo("insert table entry b{}");
        assertThat(error.updateErrors().get(0).code()).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(error.hasCode(Status.Code.NOT_FOUND)).isTrue();
        assertThat(error.hasCode(Status.Code.PERMISSION_DENIED)).isFalse();
        assertThat(error.getMessage()).contains("write to device 1 at here:1 failed")
                .contains("update 1, insert table entry b{}: ALREADY_EXISTS (Match entry exists")
                .contains("update 2, delete table entry c{}: NOT_FOUND (no such entry)");
        assertThat(P4RuntimeErrors.failedUpdates(error, 3)).containsExactly(false, true, true);
    }

    @Test
    void aSingleRefusedUpdateMakesAOneLineMessage() {
        StatusRuntimeException e = writeFailure(Error.newBuilder().setCanonicalCode(Status.Code.ALREADY_EXISTS.value())
                .setMessage("Match entry exists").build());
        P4RuntimeException error = P4RuntimeErrors.from(e, "write to device 1 at here:1",
                List.of("insert table entry l2_exact{dst_mac=0x01}"), null);
        assertThat(error.getMessage()).isEqualTo("write to device 1 at here:1 failed: "
                + "insert table entry l2_exact{dst_mac=0x01}: ALREADY_EXISTS (Match entry exists)");
    }

    @Test
    void permissionDeniedCarriesTheNotPrimaryHint() {
        StatusRuntimeException e = Status.PERMISSION_DENIED.withDescription("Not primary").asRuntimeException();
        P4RuntimeException error = P4RuntimeErrors.from(e, "write to device 1 at here:1", List.of("insert x"),
                "this client is not the primary (its election id is 5)");
        assertThat(error.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(error.getMessage()).contains("PERMISSION_DENIED")
                .contains("this client is not the primary (its election id is 5) (Not primary)");
        // Without details nothing is known to have been applied.
        assertThat(P4RuntimeErrors.failedUpdates(error, 1)).containsExactly(true);
    }

    @Test
    void unreachableSwitchSaysSo() {
        P4RuntimeException error = P4RuntimeErrors.from(Status.UNAVAILABLE.withDescription("io exception")
                .asRuntimeException(), "reading table acl from device 1 at here:1", List.of(), null);
        assertThat(error.getMessage()).isEqualTo("reading table acl from device 1 at here:1 failed: UNAVAILABLE "
                + "(the switch did not answer (io exception))");
    }
}
