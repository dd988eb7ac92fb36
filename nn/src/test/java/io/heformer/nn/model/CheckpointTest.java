package io.heformer.nn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heformer.nn.layers.AttentionKind;
import io.heformer.nn.layers.FeedForwardKind;
import io.heformer.nn.layers.Pooling;
import java.util.Map;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** Checkpoint round trip and validation. */
class CheckpointTest {

  private static byte[] written(Bert bert) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Checkpoint.write(bert.config(), bert.parameters(), out);
    return out.toByteArray();
  }

  private static Bert model() {
    BertConfig c = BertGradientTest.tiny(AttentionKind.GAUSSIAN_KERNEL, FeedForwardKind.RELU_GLU,
        NormPlacement.PRE, true, 3).withPooling(Pooling.MEAN);
    Bert bert = new Bert(c);
    Initializer.initialize(bert.parameters(), EnumSet.allOf(ParameterGroup.class), 3);
    return bert;
  }

  @Test
  void roundTripRestoresConfigAndEveryParameter() throws IOException {
    Bert bert = model();
    Bert back = Checkpoint.read(new ByteArrayInputStream(written(bert)), "mem");
    assertEquals(bert.config(), back.config());
    assertArrayEquals(bert.parameters().data(), back.parameters().data(), 0.0);
  }

  @Test
  void configWithoutPoolingKeyReadsAsThePapersCls() {
    Map<String, String> m = model().config().toMap();
    assertEquals("MEAN", m.remove("pooling"));
    assertEquals(Pooling.CLS, BertConfig.fromMap(m).pooling());
  }

  @Test
  void corruptionIsDetected() throws IOException {
    byte[] bytes = written(model());
    bytes[bytes.length / 2] ^= 0x10;
    IOException e = assertThrows(IOException.class,
        () -> Checkpoint.read(new ByteArrayInputStream(bytes), "mem"));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
  }

  @Test
  void badMagicVersionAndTruncationAreNamed() throws IOException {
    byte[] bytes = written(model());
    byte[] magic = bytes.clone();
    magic[0] = 'X';
    assertTrue(assertThrows(IOException.class,
        () -> Checkpoint.read(new ByteArrayInputStream(magic), "mem")).getMessage()
        .contains("magic"));
    byte[] version = bytes.clone();
    version[11] = 9;
    assertTrue(assertThrows(IOException.class,
        () -> Checkpoint.read(new ByteArrayInputStream(version), "mem")).getMessage()
        .contains("version 9"));
    byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 100);
    assertTrue(assertThrows(IOException.class,
        () -> Checkpoint.read(new ByteArrayInputStream(cut), "mem")).getMessage()
        .contains("truncated"));
  }

  @Test
  void copyMatchingLoadsAPretrainedEncoderUnderANewHead() {
    Bert full = model();
    Bert pretrained = new Bert(full.config().withNumClasses(0).withLora(LoraConfig.none()));
    Initializer.initialize(pretrained.parameters(), EnumSet.allOf(ParameterGroup.class), 4);
    Bert tuned = new Bert(full.config().withNumClasses(2));
    int copied = tuned.parameters().copyMatching(pretrained.parameters());
    assertEquals(pretrained.parameters().layout().entries().size(), copied);
    assertArrayEquals(pretrained.parameters().get("layer1.ffn.in.weight").toArray(),
        tuned.parameters().get("layer1.ffn.in.weight").toArray(), 0.0);
    // A same-named tensor of another shape is an error, not a silent skip.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> tuned.parameters().copyMatching(full.parameters()));
    assertTrue(e.getMessage().contains("head.classifier"), e.getMessage());
  }
}
