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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Model checkpoints: a versioned binary file holding the configuration and every parameter tensor
 * by name. Layout (big-endian, as {@link DataOutputStream} writes it):
 *
 * <pre>
 * magic       8 bytes  "HEFMCKPT"
 * version     int32    1
 * config      int32 n, then n pairs (UTF key, UTF value)     -- BertConfig.toMap()
 * tensors     int32 n, then n records:
 *               UTF name, int32 rows, int32 cols, rows*cols float64 (row-major)
 * checksum    int64    CRC-32 of every byte before it
 * </pre>
 *
 * Reading checks the magic, version, configuration, that the tensors are exactly the layout's
 * (no missing, extra or mis-shaped tensor) and the checksum, and names the problem otherwise.
 */
public final class Checkpoint {

  /** File magic. */
  public static final byte[] MAGIC = "HEFMCKPT".getBytes(StandardCharsets.US_ASCII);
  /** Current format version. */
  public static final int VERSION = 1;

  private Checkpoint() {}

  /** Writes {@code bert}'s configuration and parameters to {@code file}. */
  public static void write(Bert bert, Path file) throws IOException {
    try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file))) {
      write(bert.config(), bert.parameters(), raw);
    }
  }

  /** Writes a configuration and parameters to a stream (not closed). */
  public static void write(BertConfig config, ParameterSet params, OutputStream raw)
      throws IOException {
    CRC32 crc = new CRC32();
    DataOutputStream out = new DataOutputStream(new CheckedOutputStream(raw, crc));
    out.write(MAGIC);
    out.writeInt(VERSION);
    Map<String, String> m = config.toMap();
    out.writeInt(m.size());
    for (Map.Entry<String, String> e : m.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue());
    }
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

  /**
   * Reads a checkpoint into a new model.
   *
   * @throws IOException on I/O failure or any format violation, with the reason
   */
  public static Bert read(Path file) throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
      return read(raw, file.toString());
    }
  }

  /** Reads a checkpoint from a stream; {@code source} names it in error messages. */
  public static Bert read(InputStream raw, String source) throws IOException {
    CRC32 crc = new CRC32();
    DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc));
    try {
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IOException(source + ": not a heformer checkpoint (bad magic)");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IOException(source + ": checkpoint version " + version
            + " is not supported (this build reads version " + VERSION + ")");
      }
      int n = count(in.readInt(), 1000, "config entries", source);
      Map<String, String> map = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        map.put(in.readUTF(), in.readUTF());
      }
      BertConfig config;
      try {
        config = BertConfig.fromMap(map);
      } catch (IllegalArgumentException e) {
        throw new IOException(source + ": invalid config: " + e.getMessage(), e);
      }
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
      return bert;
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
