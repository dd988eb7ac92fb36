package io.heformer.nn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heformer.nn.layers.AttentionKind;
import io.heformer.nn.layers.FeedForwardKind;
import io.heformer.nn.layers.Pooling;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** Checkpoint round trip and validation. */
class CheckpointTest {

  private static byte[] written(Bert bert) throws IOException {
    return written(bert, Map.of());
  }

  private static byte[] written(Bert bert, Map<String, String> metadata) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Checkpoint.write(bert.config(), metadata, bert.parameters(), out);
    return out.toByteArray();
  }

  /**
   * The version 1 form of a checkpoint written without metadata: the empty metadata section
   * (its int32 count, after the config) cut out, the version set to 1 and the checksum redone.
   */
  private static byte[] asVersion1(Bert bert, byte[] v2) {
    int at = Checkpoint.MAGIC.length + 4 + 4;
    for (Map.Entry<String, String> e : bert.config().toMap().entrySet()) {
      at += 2 + e.getKey().length() + 2 + e.getValue().length(); // ASCII keys and values
    }
    ByteBuffer v1 = ByteBuffer.allocate(v2.length - 4);
    v1.put(v2, 0, at).put(v2, at + 4, v2.length - at - 4);
    v1.putInt(Checkpoint.MAGIC.length, 1);
    CRC32 crc = new CRC32();
    crc.update(v1.array(), 0, v1.capacity() - 8);
    v1.putLong(v1.capacity() - 8, crc.getValue());
    return v1.array();
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
    Checkpoint.Loaded back = Checkpoint.load(new ByteArrayInputStream(written(bert)), "mem");
    assertEquals(bert.config(), back.model().config());
    assertArrayEquals(bert.parameters().data(), back.model().parameters().data(), 0.0);
    assertEquals(Map.of(), back.metadata());
  }

  @Test
  void metadataRoundTripsInOrder() throws IOException {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("task", "STSB");
    metadata.put("target_mean", "2.7012");
    Checkpoint.Loaded back = Checkpoint.load(
        new ByteArrayInputStream(written(model(), metadata)), "mem");
    assertEquals(List.copyOf(metadata.entrySet()), List.copyOf(back.metadata().entrySet()));
  }

  @Test
  void version1FilesStillRead() throws IOException {
    Bert bert = model();
    byte[] v1 = asVersion1(bert, written(bert));
    Checkpoint.Loaded back = Checkpoint.load(new ByteArrayInputStream(v1), "v1");
    assertEquals(bert.config(), back.model().config());
    assertArrayEquals(bert.parameters().data(), back.model().parameters().data(), 0.0);
    assertEquals(Map.of(), back.metadata());
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
        () -> Checkpoint.load(new ByteArrayInputStream(bytes), "mem"));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
  }

  @Test
  void badMagicVersionAndTruncationAreNamed() throws IOException {
    byte[] bytes = written(model());
    byte[] magic = bytes.clone();
    magic[0] = 'X';
    assertTrue(assertThrows(IOException.class,
        () -> Checkpoint.load(new ByteArrayInputStream(magic), "mem")).getMessage()
        .contains("magic"));
    byte[] version = bytes.clone();
    version[11] = 9;
    assertTrue(assertThrows(IOException.class,
        () -> Checkpoint.load(new ByteArrayInputStream(version), "mem")).getMessage()
        .contains("version 9"));
    byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 100);
    assertTrue(assertThrows(IOException.class,
        () -> Checkpoint.load(new ByteArrayInputStream(cut), "mem")).getMessage()
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
