package org.nnet.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11, item 5: CSV labels and cells that used to crash or mislead a training. */
class CsvLabelsTest {
    @TempDir
    Path dir;

    @AfterEach
    void endProgram() throws Exception {
        var f = ClassNumbering.class.getDeclaredField("program");
        f.setAccessible(true);
        f.set(null, null);
    }

    private Path csv(String name, String body) throws Exception {
        return Files.writeString(dir.resolve(name), "a,b,cls\n" + body);
    }

    @Test
    void aHugeLabelIsAnErrorAtItsRow() throws Exception {
        Path f = csv("big.csv", "1,2,0\n3,4,2147483647\n");
        DataException probe = assertThrows(DataException.class, () -> DataProbe.csv(f, "cls"));
        assertTrue(probe.getMessage().startsWith(f + ":3: the label 2147483647 is not a class index"), probe.getMessage());
        DataException load = assertThrows(DataException.class, () -> Sources.csv(f, "cls").load(Partition.TRAIN));
        assertEquals(probe.getMessage(), load.getMessage());
    }

    @Test
    void nanAndOverflowingCellsAreErrorsAtTheirRows() throws Exception {
        Path nan = csv("nan.csv", "1,2,0\nNaN,4,1\n");
        DataException e = assertThrows(DataException.class, () -> DataProbe.csv(nan, "cls"));
        assertTrue(e.getMessage().startsWith(nan + ":3: column \"a\" holds \"NaN\", which is not a finite number"), e.getMessage());
        Path big = csv("big.csv", "1,2,0\n1,2,1\n5,1e39,1\n");
        e = assertThrows(DataException.class, () -> Sources.csv(big, "cls").load(Partition.TRAIN));
        assertTrue(e.getMessage().startsWith(big + ":4: column \"b\" holds \"1e39\", which is not a finite number"), e.getMessage());
    }

    @Test
    void classNamesAreNumberedByTheTrainingFileInEveryFile() throws Exception {
        Path train = csv("train.csv", "1,1,ant\n2,2,cat\n3,3,dog\n");
        Path val = csv("val.csv", "1,1,cat\n2,2,dog\n");
        ClassNumbering.startProgram();
        Dataset t = Sources.csv(train, "cls").load(Partition.TRAIN);
        Dataset v = Sources.csv(val, "cls").load(Partition.TRAIN);
        assertArrayEquals(new long[] {3, 3}, t.field("labels").shape());
        assertArrayEquals(new long[] {2, 3}, v.field("labels").shape(), "fewer classes in validation: still 3 wide");
        assertEquals(1, v.field("labels").getRow(0).argMax().getInt(0), "cat is class 1 in both files");
        assertEquals(1, t.field("labels").getRow(1).argMax().getInt(0));
    }

    @Test
    void aValidationClassTheTrainingFileLacksIsAnErrorAtItsRow() throws Exception {
        Path train = csv("train.csv", "1,1,ant\n2,2,cat\n");
        Path val = csv("val.csv", "1,1,cat\n2,2,eel\n");
        ClassNumbering numbering = new ClassNumbering();
        assertEquals(2, DataProbe.csv(train, "cls", numbering).classes());
        DataException e = assertThrows(DataException.class, () -> DataProbe.csv(val, "cls", numbering));
        assertTrue(e.getMessage().startsWith(val + ":3: the class \"eel\" is not a class of the training data"), e.getMessage());
    }

    @Test
    void integerLabelsOfAValidationFileWithFewerClassesKeepTheTrainingWidth() throws Exception {
        Path train = csv("train.csv", "1,1,0\n2,2,1\n3,3,2\n");
        Path val = csv("val.csv", "1,1,0\n2,2,1\n");
        ClassNumbering numbering = new ClassNumbering();
        assertEquals(3, DataProbe.csv(train, "cls", numbering).classes());
        assertEquals(3, DataProbe.csv(val, "cls", numbering).classes());
    }
}
