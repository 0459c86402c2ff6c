package org.bsnn.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PaperNumbersTest {

  @Test
  void matchesCifar100AndImageNetWithVgg15abOnly() {
    assertEquals(PaperNumbers.CIFAR100_VGG15, PaperNumbers.match("cifar100", "vgg15ab").get());
    assertEquals(PaperNumbers.CIFAR100_VGG15, PaperNumbers.match("CIFAR-100", "vgg15ab").get());
    assertEquals(
        PaperNumbers.IMAGENET_VGG15, PaperNumbers.match("imagenet-folder", "vgg15ab").get());
    assertTrue(PaperNumbers.match("fashion-mnist", "vgg15ab").isEmpty());
    assertTrue(PaperNumbers.match("cifar100", "vgg-small").isEmpty());
  }

  @Test
  void knownNumbersAsInPaperMd() {
    assertEquals(64.9, PaperNumbers.CIFAR100_VGG15.fpAnn());
    assertEquals(64.8, PaperNumbers.CIFAR100_VGG15.binaryAnn());
    assertEquals(60.5, PaperNumbers.CIFAR100_VGG15.fpSnn().getAsDouble());
    assertEquals(80, PaperNumbers.CIFAR100_VGG15.fpSnnTimesteps().getAsInt());
    assertEquals(69.05, PaperNumbers.IMAGENET_VGG15.fpAnn());
    assertEquals(64.4, PaperNumbers.IMAGENET_VGG15.binaryAnn());
  }

  @Test
  void deviationsNameOursAndThePapersValue() {
    java.util.Map<String, String> ours = new java.util.HashMap<>(PaperNumbers.SETTINGS);
    ours.put("convert.reset", "subtract"); // names compare without case
    ours.put("normalize.samples", "3500.0"); // numbers by value
    assertEquals(java.util.List.of(), PaperNumbers.deviations(ours));
    ours.put("model.pooling", "max");
    ours.remove("convert.encoding");
    assertEquals(
        java.util.List.of(
            "convert.encoding not recorded (paper: DIRECT)", "model.pooling = max (paper: avg)"),
        PaperNumbers.deviations(ours));
  }
}
