package io.squall;

import io.squall.drpc.CoordinatedBolt;
import io.squall.utils.Utils;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConstantsTest {
    @Test
    void theSystemExecutorIsTheRangeOfTheSystemTask() {
        assertEquals(List.of(Constants.SYSTEM_TASK_ID, Constants.SYSTEM_TASK_ID),
                Constants.SYSTEM_EXECUTOR_ID);
        assertTrue(Utils.isSystemId(Constants.SYSTEM_COMPONENT_ID));
    }

    @Test
    void theCoordinatedStreamIsTheOneCoordinatedBoltsUse() {
        assertEquals(CoordinatedBolt.COORD_STREAM, Constants.COORDINATED_STREAM_ID);
    }
}
