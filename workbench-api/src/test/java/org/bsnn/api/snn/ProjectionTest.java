package org.bsnn.api.snn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bsnn.api.network.Layer;
import org.junit.jupiter.api.Test;

class ProjectionTest {

  @Test
  void activationsCannotBePartOfAProjection() {
    for (Layer activation : List.of(new Layer.Relu(), new Layer.Sign())) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> new Projection("a", List.of(new Layer.Flatten(), activation)));
      assertTrue(
          e.getMessage().contains(activation.type()) && e.getMessage().contains("'a'"),
          e.getMessage());
    }
  }

  @Test
  void maxPoolingOnlyComesFirst() {
    new Projection("a", List.of(new Layer.MaxPool2d(2, 2), new Layer.Flatten()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Projection("a", List.of(new Layer.Flatten(), new Layer.MaxPool2d(2, 2))));
  }
}
