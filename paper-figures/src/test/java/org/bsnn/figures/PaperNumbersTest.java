package org.bsnn.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PaperNumbersTest {

  @Test
  void matchesCifar100AndImageNetWithVgg15abOnly() {
    assertEquals(PaperNumbers.CIFAR100_VGG15, PaperNumbers.match("cifar100", "vgg15ab").get());
    assertEquals(PaperNumbers.CIFAR100_VGG15, PaperNumbers.match("CIFAR-100", "vgg15ab").get());
    assertEquals(PaperNumbers.IMAGENET_VGG15, PaperNumbers.match("imagenet-folder", "vgg15ab").get());
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
}
