package io.heformer.ckks;

import io.heformer.ckks.HeException.CorruptDataException;
import io.heformer.ckks.HeException.ParameterMismatchException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The one versioned binary format for parameters, plaintexts, ciphertexts and keys.
 *
 * <pre>
 *   magic "HEF1" | u16 version | u8 kind | [i64 parameter fingerprint, all kinds but parameters]
 *   | body | u32 CRC-32 of everything before it
 * </pre>
 *
 * Limbs are little-endian 64-bit words, each checked to be below its prime on reading. A fresh
 * secret-key ciphertext stores its 32-byte seed instead of c_1. Reading refuses, with a
 * {@link CorruptDataException} or {@link ParameterMismatchException} that says why: a wrong magic,
 * an unknown version, another kind, other parameters, out-of-range fields or coefficients, a
 * truncated stream and a checksum mismatch. Round trips are exact.
 */
public final class Serialization {
  private static final int MAGIC = 0x48454631; // "HEF1"
  /** The format version written; readers accept exactly this one. */
  public static final int VERSION = 1;

  /** What a serialized object is. */
  public enum Kind {
    PARAMETERS, PLAINTEXT, CIPHERTEXT, SECRET_KEY, PUBLIC_KEY, SWITCHING_KEY, EVALUATION_KEYS, BOOTSTRAP_KEYS
  }

  private Serialization() {}

  @FunctionalInterface
  private interface Body {
    void write(DataOutputStream out) throws IOException;
  }

  @FunctionalInterface
  private interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  private static void write(Kind kind, long fingerprint, OutputStream target, Body body) {
    try {
      CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(target, 1 << 16), new CRC32());
      DataOutputStream out = new DataOutputStream(checked);
      out.writeInt(MAGIC);
      out.writeShort(VERSION);
      out.writeByte(kind.ordinal());
      if (kind != Kind.PARAMETERS) {
        out.writeLong(fingerprint);
      }
      body.write(out);
      out.flush();
      int crc = (int) checked.getChecksum().getValue();
      DataOutputStream raw = new DataOutputStream(target);
      raw.writeInt(crc);
      raw.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + kind + ": " + e.getMessage(), e);
    }
  }

  private static <T> T read(Kind kind, CkksParameters params, InputStream source, Reader<T> body) {
    String what = kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    try {
      BufferedInputStream buffered = new BufferedInputStream(source, 1 << 16);
      CheckedInputStream checked = new CheckedInputStream(buffered, new CRC32());
      DataInputStream in = new DataInputStream(checked);
      int magic = in.readInt();
      if (magic != MAGIC) {
        throw new CorruptDataException("cannot read " + what + ": not a heformer file (magic 0x" + Integer.toHexString(magic) + ")");
      }
      int version = in.readUnsignedShort();
      if (version != VERSION) {
        throw new CorruptDataException("cannot read " + what + ": format version " + version + ", this build reads " + VERSION);
      }
      int k = in.readUnsignedByte();
      if (k != kind.ordinal()) {
        throw new CorruptDataException("cannot read " + what + ": the data holds a "
            + (k < Kind.values().length ? Kind.values()[k].name().toLowerCase(java.util.Locale.ROOT) : "unknown kind " + k));
      }
      if (kind != Kind.PARAMETERS) {
        long fp = in.readLong();
        if (fp != params.fingerprint()) {
          throw new ParameterMismatchException("cannot read " + what + ": it was made under other parameters than '"
              + params.name() + "' (fingerprint " + Long.toHexString(fp) + " vs " + Long.toHexString(params.fingerprint()) + ")");
        }
      }
      T value = body.read(in);
      int want = (int) checked.getChecksum().getValue();
      int crc = new DataInputStream(buffered).readInt();
      if (crc != want) {
        throw new CorruptDataException("cannot read " + what + ": checksum mismatch (corrupt data)");
      }
      return value;
    } catch (EOFException e) {
      throw new CorruptDataException("cannot read " + what + ": truncated data", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + what + ": " + e.getMessage(), e);
    }
  }

  private static CorruptDataException corrupt(String what, String why) {
    return new CorruptDataException("cannot read " + what + ": " + why);
  }

  // ---------------------------------------------------------------- limbs

  private static void writeLimb(DataOutputStream out, long[] limb) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(limb.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.asLongBuffer().put(limb);
    out.write(b.array());
  }

  private static long[] readLimb(DataInputStream in, int n, long q, String what) throws IOException {
    byte[] bytes = new byte[n * 8];
    in.readFully(bytes);
    long[] limb = new long[n];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(limb);
    for (long v : limb) {
      if (v < 0 || v >= q) {
        throw corrupt(what, "a coefficient is not reduced modulo its prime");
      }
    }
    return limb;
  }

  // ---------------------------------------------------------------- parameters

  public static void writeParameters(CkksParameters p, OutputStream out) {
    CkksParametersSpec s = p.spec();
    write(Kind.PARAMETERS, 0, out, o -> {
      o.writeUTF(s.name());
      o.writeByte(s.logN());
      o.writeByte(s.logSlots());
      writeInts(o, s.logQ());
      writeInts(o, s.logP());
      o.writeShort(s.dnum());
      o.writeByte(s.logDefaultScale());
      o.writeInt(s.secret().hammingWeight());
      o.writeDouble(s.sigma());
      o.writeBoolean(s.testOnly());
      o.writeLong(p.fingerprint());
    });
  }

  private static void writeInts(DataOutputStream o, int[] v) throws IOException {
    o.writeShort(v.length);
    for (int x : v) {
      o.writeByte(x);
    }
  }

  private static int[] readInts(DataInputStream in, String what) throws IOException {
    int len = in.readUnsignedShort();
    if (len == 0 || len > 256) {
      throw corrupt(what, "implausible prime count " + len);
    }
    int[] v = new int[len];
    for (int i = 0; i < len; i++) {
      v[i] = in.readUnsignedByte();
    }
    return v;
  }

  /** Reads and validates parameters; the primes are regenerated and must hash to the stored fingerprint. */
  public static CkksParameters readParameters(InputStream in) {
    return read(Kind.PARAMETERS, null, in, i -> {
      CkksParametersSpec spec = new CkksParametersSpec(i.readUTF(), i.readUnsignedByte(), i.readUnsignedByte(),
          readInts(i, "parameters"), readInts(i, "parameters"), i.readUnsignedShort(), i.readUnsignedByte(),
          new SecretDistribution(i.readInt()), i.readDouble(), i.readBoolean());
      long fp = i.readLong();
      CkksParameters p = CkksParameters.of(spec);
      if (p.fingerprint() != fp) {
        throw corrupt("parameters", "the regenerated primes do not match the stored fingerprint");
      }
      return p;
    });
  }

  // ---------------------------------------------------------------- plaintexts and ciphertexts

  public static void writePlaintext(Plaintext pt, OutputStream out) {
    write(Kind.PLAINTEXT, pt.fingerprint, out, o -> {
      o.writeShort(pt.level);
      o.writeInt(pt.slots);
      o.writeDouble(pt.scale);
      for (long[] limb : pt.poly) {
        writeLimb(o, limb);
      }
    });
  }

  public static Plaintext readPlaintext(CkksParameters params, InputStream in) {
    return read(Kind.PLAINTEXT, params, in, i -> {
      int level = readLevel(i, params, "plaintext");
      int slots = readSlots(i, params, "plaintext");
      double scale = readScale(i, "plaintext");
      long[][] poly = new long[level + 1][];
      for (int l = 0; l <= level; l++) {
        poly[l] = readLimb(i, params.n(), params.q(l).q, "plaintext");
      }
      return new Plaintext(params, poly, level, scale, slots);
    });
  }

  public static void writeCiphertext(Ciphertext ct, OutputStream out) {
    // Every operation that writes a ciphertext clears its seed, so a seed means c_1 is its expansion.
    boolean seeded = ct.seed != null && ct.degree() == 1;
    write(Kind.CIPHERTEXT, ct.fingerprint, out, o -> {
      o.writeShort(ct.level);
      o.writeInt(ct.slots);
      o.writeDouble(ct.scale);
      o.writeByte(ct.degree());
      o.writeBoolean(seeded);
      int parts = seeded ? 1 : ct.parts.length;
      for (int k = 0; k < parts; k++) {
        for (int l = 0; l <= ct.level; l++) {
          writeLimb(o, ct.parts[k][l]);
        }
      }
      if (seeded) {
        o.write(ct.seed);
      }
    });
  }

  public static Ciphertext readCiphertext(CkksParameters params, InputStream in) {
    return read(Kind.CIPHERTEXT, params, in, i -> {
      int level = readLevel(i, params, "ciphertext");
      int slots = readSlots(i, params, "ciphertext");
      double scale = readScale(i, "ciphertext");
      int degree = i.readUnsignedByte();
      if (degree < 1 || degree > 2) {
        throw corrupt("ciphertext", "degree " + degree + " (1 or 2 expected)");
      }
      boolean seeded = i.readBoolean();
      if (seeded && degree != 1) {
        throw corrupt("ciphertext", "a seeded ciphertext must have degree 1");
      }
      long[][][] parts = new long[degree + 1][level + 1][];
      for (int k = 0; k < (seeded ? 1 : degree + 1); k++) {
        for (int l = 0; l <= level; l++) {
          parts[k][l] = readLimb(i, params.n(), params.q(l).q, "ciphertext");
        }
      }
      Ciphertext ct = new Ciphertext(params, parts, level, scale, slots);
      if (seeded) {
        byte[] seed = new byte[io.heformer.ckks.ring.Prng.SEED_BYTES];
        i.readFully(seed);
        for (int l = 0; l <= level; l++) {
          parts[1][l] = new long[params.n()];
        }
        Encryptor.expandUniform(params, seed, parts[1], level);
        ct.seed = seed;
      }
      return ct;
    });
  }

  private static int readLevel(DataInputStream i, CkksParameters params, String what) throws IOException {
    int level = i.readUnsignedShort();
    if (level > params.maxLevel()) {
      throw corrupt(what, "level " + level + " above the chain's top " + params.maxLevel());
    }
    return level;
  }

  private static int readSlots(DataInputStream i, CkksParameters params, String what) throws IOException {
    int slots = i.readInt();
    if (slots < 1 || slots > params.n() / 2 || Integer.bitCount(slots) != 1) {
      throw corrupt(what, "slot count " + slots + " is not a power of two in [1, N/2]");
    }
    return slots;
  }

  private static double readScale(DataInputStream i, String what) throws IOException {
    double scale = i.readDouble();
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw corrupt(what, "scale " + scale + " is not positive and finite");
    }
    return scale;
  }

  // ---------------------------------------------------------------- keys

  public static void writeSecretKey(SecretKey sk, OutputStream out) {
    write(Kind.SECRET_KEY, sk.fingerprint, out, o -> {
      o.writeInt(sk.coeffs.length);
      for (int c : sk.coeffs) {
        o.writeByte(c);
      }
    });
  }

  public static SecretKey readSecretKey(CkksParameters params, InputStream in) {
    return read(Kind.SECRET_KEY, params, in, i -> {
      int n = i.readInt();
      if (n != params.n()) {
        throw corrupt("secret key", "degree " + n + " vs N=" + params.n());
      }
      int[] s = new int[n];
      for (int c = 0; c < n; c++) {
        s[c] = i.readByte();
        if (s[c] < -1 || s[c] > 1) {
          throw corrupt("secret key", "a coefficient is not ternary");
        }
      }
      return new SecretKey(params, s, PolyOps.smallToNtt(s, params.fullSize(), params::fullNtt));
    });
  }

  public static void writePublicKey(PublicKey pk, OutputStream out) {
    write(Kind.PUBLIC_KEY, pk.fingerprint, out, o -> {
      for (long[] limb : pk.b) {
        writeLimb(o, limb);
      }
      for (long[] limb : pk.a) {
        writeLimb(o, limb);
      }
    });
  }

  public static PublicKey readPublicKey(CkksParameters params, InputStream in) {
    return read(Kind.PUBLIC_KEY, params, in, i -> {
      long[][] b = new long[params.fullSize()][];
      long[][] a = new long[params.fullSize()][];
      for (int u = 0; u < b.length; u++) {
        b[u] = readLimb(i, params.n(), params.fullModulus(u).q, "public key");
      }
      for (int u = 0; u < a.length; u++) {
        a[u] = readLimb(i, params.n(), params.fullModulus(u).q, "public key");
      }
      return new PublicKey(params, b, a);
    });
  }

  /**
   * A switching key: Galois element, digit count, the highest level it serves (level-limited keys,
   * as bootstrapping's, hold no limbs for the primes above it), then the limbs that exist.
   */
  private static void writeSwitchingKeyBody(DataOutputStream o, SwitchingKey k, int qCount) throws IOException {
    int maxLevel = -1;
    while (maxLevel + 1 < qCount && k.b[0][maxLevel + 1] != null) {
      maxLevel++;
    }
    o.writeInt(k.galoisElement);
    o.writeShort(k.b.length);
    o.writeShort(maxLevel);
    for (long[][][] part : new long[][][][] {k.b, k.a}) {
      for (long[][] digit : part) {
        for (int u = 0; u < digit.length; u++) {
          if (u <= maxLevel || u >= qCount) {
            writeLimb(o, digit[u]);
          }
        }
      }
    }
  }

  private static SwitchingKey readSwitchingKeyBody(DataInputStream i, CkksParameters params) throws IOException {
    int g = i.readInt();
    if (g != 0 && ((g & 1) == 0 || g < 0 || g >= 2 * params.n())) {
      throw corrupt("switching key", "invalid Galois element " + g);
    }
    int digits = i.readUnsignedShort();
    int maxLevel = i.readShort();
    if (maxLevel < 0 || maxLevel > params.maxLevel()) {
      throw corrupt("switching key", "level " + maxLevel + " outside [0, " + params.maxLevel() + "]");
    }
    if (digits != params.digitsAt(maxLevel)) {
      throw corrupt("switching key", digits + " digits for level " + maxLevel + " (expected " + params.digitsAt(maxLevel) + ")");
    }
    int qCount = params.maxLevel() + 1;
    long[][][] b = new long[digits][params.fullSize()][];
    long[][][] a = new long[digits][params.fullSize()][];
    for (long[][][] part : new long[][][][] {b, a}) {
      for (int j = 0; j < digits; j++) {
        for (int u = 0; u < params.fullSize(); u++) {
          if (u <= maxLevel || u >= qCount) {
            part[j][u] = readLimb(i, params.n(), params.fullModulus(u).q, "switching key");
          }
        }
      }
    }
    return new SwitchingKey(params, g, b, a);
  }

  /** Writes the relinearisation and Galois keys a server needs. */
  public static void writeEvaluationKeys(EvaluationKeys keys, OutputStream out, CkksParameters params) {
    write(Kind.EVALUATION_KEYS, keys.fingerprint, out, o -> writeEvaluationKeysBody(o, keys, params));
  }

  private static void writeEvaluationKeysBody(DataOutputStream o, EvaluationKeys keys, CkksParameters params)
      throws IOException {
    if (keys.fingerprint != params.fingerprint()) {
      throw new ParameterMismatchException("cannot write evaluation keys: they belong to other parameters");
    }
    int qCount = params.maxLevel() + 1;
    SwitchingKey relin = keys.relinearizationKeyOrNull();
    o.writeBoolean(relin != null);
    if (relin != null) {
      writeSwitchingKeyBody(o, relin, qCount);
    }
    o.writeInt(keys.galoisKeys().size());
    for (SwitchingKey k : keys.galoisKeys().values()) {
      writeSwitchingKeyBody(o, k, qCount);
    }
  }

  /** Bootstrapping's keys: its evaluation keys and, with encapsulation, the two sparse-secret keys. */
  public static void writeBootstrapKeys(BootstrapKeys keys, OutputStream out, CkksParameters params) {
    write(Kind.BOOTSTRAP_KEYS, keys.keys.fingerprint, out, o -> {
      writeEvaluationKeysBody(o, keys.keys, params);
      SparseSecretEncapsulation enc = keys.encapsulation;
      o.writeBoolean(enc != null);
      if (enc != null) {
        o.writeInt(enc.ephemeralWeight);
        long[][][] to = enc.toSparseKey();
        for (long[][] part : to) {
          for (long[] limb : part) {
            writeLimb(o, limb);
          }
        }
        writeSwitchingKeyBody(o, enc.fromSparse, params.maxLevel() + 1);
      }
    });
  }

  public static BootstrapKeys readBootstrapKeys(CkksParameters params, InputStream in) {
    return read(Kind.BOOTSTRAP_KEYS, params, in, i -> {
      EvaluationKeys keys = readEvaluationKeysBody(i, params);
      SparseSecretEncapsulation enc = null;
      if (i.readBoolean()) {
        int h = i.readInt();
        if (h < 1 || h > params.n()) {
          throw corrupt("bootstrap keys", "ephemeral Hamming weight " + h + " outside [1, N]");
        }
        long[] moduli = {params.q(0).q, params.p(0).q}; // the encapsulation key lives over q_0 p_0
        long[][][] to = new long[2][2][];
        for (int k = 0; k < 2; k++) {
          for (int l = 0; l < 2; l++) {
            to[k][l] = readLimb(i, params.n(), moduli[l], "bootstrap keys");
          }
        }
        enc = SparseSecretEncapsulation.fromKeys(params, h, to, readSwitchingKeyBody(i, params));
      }
      return new BootstrapKeys(keys, enc);
    });
  }

  public static EvaluationKeys readEvaluationKeys(CkksParameters params, InputStream in) {
    return read(Kind.EVALUATION_KEYS, params, in, i -> readEvaluationKeysBody(i, params));
  }

  private static EvaluationKeys readEvaluationKeysBody(DataInputStream i, CkksParameters params) throws IOException {
    SwitchingKey relin = i.readBoolean() ? readSwitchingKeyBody(i, params) : null;
    if (relin != null && relin.galoisElement != 0) {
      throw corrupt("evaluation keys", "the relinearisation key carries a Galois element");
    }
    int count = i.readInt();
    if (count < 0 || count > 2 * params.n()) {
      throw corrupt("evaluation keys", "implausible Galois key count " + count);
    }
    Map<Integer, SwitchingKey> galois = new LinkedHashMap<>();
    for (int k = 0; k < count; k++) {
      SwitchingKey key = readSwitchingKeyBody(i, params);
      if (key.galoisElement == 0) {
        throw corrupt("evaluation keys", "a Galois key without a Galois element");
      }
      galois.put(key.galoisElement, key);
    }
    return new EvaluationKeys(params, relin, galois);
  }
}
