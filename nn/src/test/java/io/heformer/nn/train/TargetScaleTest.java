package io.heformer.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The regression target scale and its checkpoint metadata. */
class TargetScaleTest {

  @Test
  void metadataRestoresTheScaleExactly() {
    TargetScale scale = new TargetScale(2.7012345678901234, 1.4567890123456789);
    assertEquals(Optional.of(scale), TargetScale.fromMetadata(scale.toMetadata()));
  }

  @Test
  void restoreUndoesStandardize() {
    TargetScale scale = new TargetScale(2.7, 1.5);
    assertEquals(4.2, scale.standardize(4.2) * 1.5 + 2.7, 1e-15);
    assertEquals(4.2, scale.restore(scale.standardize(4.2)), 1e-15);
  }

  @Test
  void metadataWithoutAScaleIsEmptyAndHalfAScaleIsAnError() {
    assertEquals(Optional.empty(), TargetScale.fromMetadata(Map.of("task", "SST2")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TargetScale.fromMetadata(Map.of("target_mean", "2.7")));
    assertTrue(e.getMessage().contains("target_std"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> TargetScale.fromMetadata(Map.of("target_mean", "x", "target_std", "1")));
    assertThrows(IllegalArgumentException.class,
        () -> TargetScale.fromMetadata(Map.of("target_mean", "0", "target_std", "0")));
  }
}
