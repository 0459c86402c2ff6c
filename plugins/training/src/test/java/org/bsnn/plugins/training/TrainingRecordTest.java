package org.bsnn.plugins.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;

class TrainingRecordTest {

  @Test
  void roundTripsThroughJson() {
    TrainingRecord record =
        new TrainingRecord(
            "abc-bin123",
            2,
            40,
            List.of(
                new TrainingRecord.EpochResult(1, 0.9, 0.7, -1, 640, 12.5),
                new TrainingRecord.EpochResult(2, 0.5, 0.85, 0.8, 640, 11.0)));
    assertEquals(record, TrainingRecord.fromJson(record.toJson(), "test"));
  }

  @Test
  void corruptJsonIsAUserFacingErrorNamingTheFile() {
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () -> TrainingRecord.fromJson("{not json", "/x/checkpoint.json"));
    assertTrue(
        e.getMessage().contains("/x/checkpoint.json") && e.getMessage().contains("delete"),
        e.getMessage());
  }
}
