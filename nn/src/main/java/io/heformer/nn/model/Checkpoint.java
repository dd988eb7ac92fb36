package io.heformer.nn.model;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Model checkpoints: a versioned binary file holding the configuration, facts about the model that
 * are not weights (metadata), and every parameter tensor by name. Layout (big-endian, as {@link
 * DataOutputStream} writes it):
 *
 * <pre>
 * magic       8 bytes  "HEFMCKPT"
 * version     int32    2
 * config      int32 n, then n pairs (UTF key, UTF value)     -- BertConfig.toMap()
 * metadata    int32 n, then n pairs (UTF key, UTF value)     -- version 2 on; e.g. a regression
 *                                                               head's target_mean, target_std
 * tensors     int32 n, then n records:
 *               UTF name, int32 rows, int32 cols, rows*cols float64 (row-major)
 * checksum    int64    CRC-32 of every byte before it
 * </pre>
 *
 * Reading checks the magic, version, configuration, that the tensors are exactly the layout's
 * (no missing, extra or mis-shaped tensor) and the checksum, and names the problem otherwise.
 * Version 1 files (no metadata section) are still read, with empty metadata.
 */
public final class Checkpoint {

  /** File magic. */
  public static final byte[] MAGIC = "HEFMCKPT".getBytes(StandardCharsets.US_ASCII);
  /** Current format version. */
  public static final int VERSION = 2;
  /** The first version with a metadata section. */
  private static final int FIRST_WITH_METADATA = 2;

  private Checkpoint() {}

  /**
   * A model read from a checkpoint, with the metadata written beside it.
   *
   * @param model the model
   * @param metadata facts that are not weights (empty for version 1 files); unmodifiable
   */
  public record Loaded(Bert model, Map<String, String> metadata) {}

  /** Writes {@code bert}'s configuration and parameters to {@code file}, without metadata. */
  public static void write(Bert bert, Path file) throws IOException {
    write(bert, Map.of(), file);
  }

  /** Writes {@code bert}'s configuration, {@code metadata} and parameters to {@code file}. */
  public static void write(Bert bert, Map<String, String> metadata, Path file)
      throws IOException {
    try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file))) {
      write(bert.config(), metadata, bert.parameters(), raw);
    }
  }

  /** Writes a configuration, metadata and parameters to a stream (not closed). */
  public static void write(BertConfig config, Map<String, String> metadata, ParameterSet params,
      OutputStream raw) throws IOException {
    CRC32 crc = new CRC32();
    DataOutputStream out = new DataOutputStream(new CheckedOutputStream(raw, crc));
    out.write(MAGIC);
    out.writeInt(VERSION);
    writeMap(config.toMap(), out);
    writeMap(metadata, out);
    out.writeInt(params.layout().entries().size());
    double[] d = params.data();
    for (ParameterLayout.Entry e : params.layout().entries()) {
      out.writeUTF(e.name());
      out.writeInt(e.rows());
      out.writeInt(e.cols());
      for (int i = e.offset(); i < e.offset() + e.size(); i++) {
        out.writeDouble(d[i]);
      }
    }
    out.flush();
    new DataOutputStream(raw).writeLong(crc.getValue());
    raw.flush();
  }

  private static void writeMap(Map<String, String> m, DataOutputStream out) throws IOException {
    out.writeInt(m.size());
    for (Map.Entry<String, String> e : m.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue());
    }
  }

  private static Map<String, String> readMap(DataInputStream in, String what, String source)
      throws IOException {
    int n = count(in.readInt(), 1000, what, source);
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      map.put(in.readUTF(), in.readUTF());
    }
    return map;
  }

  /** Reads a checkpoint's model, dropping its metadata (see {@link #load}). */
  public static Bert read(Path file) throws IOException {
    return load(file).model();
  }

  /**
   * Reads a checkpoint into a new model and its metadata.
   *
   * @throws IOException on I/O failure or any format violation, with the reason
   */
  public static Loaded load(Path file) throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
      return load(raw, file.toString());
    }
  }

  /** Reads a checkpoint from a stream; {@code source} names it in error messages. */
  public static Loaded load(InputStream raw, String source) throws IOException {
    CRC32 crc = new CRC32();
    DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc));
    try {
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IOException(source + ": not a heformer checkpoint (bad magic)");
      }
      int version = in.readInt();
      if (version < 1 || version > VERSION) {
        throw new IOException(source + ": checkpoint version " + version
            + " is not supported (this build reads versions 1 to " + VERSION + ")");
      }
      Map<String, String> map = readMap(in, "config entries", source);
      BertConfig config;
      try {
        config = BertConfig.fromMap(map);
      } catch (IllegalArgumentException e) {
        throw new IOException(source + ": invalid config: " + e.getMessage(), e);
      }
      Map<String, String> metadata = version >= FIRST_WITH_METADATA
          ? readMap(in, "metadata entries", source) : Map.of();
      Bert bert = new Bert(config);
      ParameterLayout layout = bert.parameters().layout();
      int tensors = count(in.readInt(), 100_000, "tensors", source);
      Set<String> seen = new HashSet<>();
      double[] d = bert.parameters().data();
      for (int i = 0; i < tensors; i++) {
        String name = in.readUTF();
        int rows = in.readInt();
        int cols = in.readInt();
        ParameterLayout.Entry e = layout.find(name);
        if (e == null) {
          throw new IOException(source + ": unexpected tensor '" + name
              + "' for this configuration");
        }
        if (e.rows() != rows || e.cols() != cols) {
          throw new IOException(source + ": tensor '" + name + "' has shape (" + rows + ", "
              + cols + "), expected (" + e.rows() + ", " + e.cols() + ")");
        }
        if (!seen.add(name)) {
          throw new IOException(source + ": tensor '" + name + "' appears twice");
        }
        for (int j = e.offset(); j < e.offset() + e.size(); j++) {
          d[j] = in.readDouble();
        }
      }
      if (seen.size() != layout.entries().size()) {
        for (ParameterLayout.Entry e : layout.entries()) {
          if (!seen.contains(e.name())) {
            throw new IOException(source + ": tensor '" + e.name() + "' missing");
          }
        }
      }
      long expected = crc.getValue();
      long stored = new DataInputStream(raw).readLong();
      if (stored != expected) {
        throw new IOException(source + ": checksum mismatch (file corrupt): stored "
            + Long.toHexString(stored) + ", computed " + Long.toHexString(expected));
      }
      return new Loaded(bert, Collections.unmodifiableMap(metadata));
    } catch (EOFException e) {
      throw new IOException(source + ": truncated checkpoint", e);
    }
  }

  private static int count(int n, int max, String what, String source) throws IOException {
    if (n < 0 || n > max) {
      throw new IOException(source + ": implausible number of " + what + ": " + n);
    }
    return n;
  }
}
