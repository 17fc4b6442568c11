package io.squall.runtime.eventtime;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputWatermarksTest {
    private static final long NONE = Watermark.NONE;

    @Test
    void anInputThatHasNotSentYetHoldsTheWatermarkBack() {
        InputWatermarks in = new InputWatermarks(new int[] {3, 4, 7}, 0, 0);
        in.onWatermark(Watermark.of(3, 5000), 0);
        in.onWatermark(Watermark.of(4, 6000), 0);
        assertEquals(NONE, in.current(10), "task 7 has sent nothing yet");
        in.onWatermark(Watermark.of(7, 1000), 20);
        assertEquals(1000, in.current(20));
        in.onWatermark(Watermark.of(7, 9000), 30);
        assertEquals(5000, in.current(30));
    }

    @Test
    void aSilentInputStopsHoldingItBackAfterTheIdleTimeoutAndRejoins() {
        InputWatermarks in = new InputWatermarks(new int[] {1, 2}, 1000, 0);
        in.onWatermark(Watermark.of(1, 5000), 100);
        assertEquals(NONE, in.current(500));
        assertEquals(5000, in.current(1000), "task 2 has been silent for the idle timeout");
        in.onWatermark(Watermark.of(1, 8000), 1200);
        assertEquals(8000, in.current(1200));
        in.onTuple(2);
        assertEquals(8000, in.current(1300), "task 2 is back but has promised nothing: the watermark does not go back");
        in.onWatermark(Watermark.of(1, 9000), 1400);
        assertEquals(8000, in.current(1400), "task 2 holds it again until it sends a watermark");
        in.onWatermark(Watermark.of(2, 8500), 1500);
        assertEquals(8500, in.current(1500));
    }

    @Test
    void anInputThatSaysItIsIdleIsLeftOutUntilItSendsAgain() {
        InputWatermarks in = new InputWatermarks(new int[] {1, 2}, 0, 0);
        in.onWatermark(Watermark.of(1, 100), 0);
        in.onWatermark(Watermark.of(2, 50), 0);
        assertEquals(50, in.current(0));
        in.onWatermark(Watermark.idle(2), 1);
        in.onWatermark(Watermark.of(1, 300), 1);
        assertEquals(300, in.current(1));
        assertFalse(in.allIdle(1));
        in.onWatermark(Watermark.idle(1), 2);
        assertTrue(in.allIdle(2));
        assertEquals(300, in.current(2), "all idle: it stays");
        in.onTuple(2);
        in.onWatermark(Watermark.of(1, 400), 3);
        assertEquals(300, in.current(3), "task 2 is active again at 50");
    }

    @Test
    void theFinalWatermarkOfEveryInputIsTheEnd() {
        InputWatermarks in = new InputWatermarks(new int[] {1, 2}, 0, 0);
        in.onWatermark(Watermark.of(1, Watermark.END), 0);
        in.onWatermark(Watermark.of(2, 70), 0);
        assertEquals(70, in.current(0));
        in.onWatermark(Watermark.of(2, Watermark.END), 1);
        assertEquals(Watermark.END, in.current(1));
        assertFalse(in.allIdle(1), "finished inputs are not idle");
    }

    @Test
    void watermarksFromTasksThatAreNotInputsAreIgnored() {
        InputWatermarks in = new InputWatermarks(new int[] {1}, 0, 0);
        in.onWatermark(Watermark.of(9, 100), 0);
        in.onTuple(-1);
        assertEquals(NONE, in.current(0));
    }
}
