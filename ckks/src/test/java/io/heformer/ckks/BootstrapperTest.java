package io.heformer.ckks;

import static io.heformer.ckks.Precision.assertBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bootstrapping on INSECURE small rings with the secure preset's chain shape: refreshed values match
 * the inputs within a stated precision for full and sparse slots, the two-at-once variant returns
 * both inputs, the range-extended variant handles +-2^20, and bad inputs get clear errors.
 *
 * <p>Required precision: 22 bits mean and 20 bits worst slot over uniform inputs in [-1, 1] (measured
 * at N = 2^12-2^13: 26-27 bits mean, 24-25 worst); the bound sits a few bits below so that it
 * tests the pipeline, not the luck of one seed. Any error in a stage (DFT, ModRaise, encapsulation,
 * EvalMod scales) destroys all bits, so the margin cannot hide a bug.
 */
class BootstrapperTest {
  private static final double MIN_BITS = 20;
  private static final double MEAN_BITS = 22;

  static final class Setup {
    final BootstrapParameters bp;
    final CkksParameters params;
    final SecretKey sk;
    final Encoder encoder;
    final Encryptor encryptor;
    final Decryptor decryptor;
    final BootstrapKeys keys;
    final Bootstrapper boot;

    Setup(int logN, int logSlots) {
      bp = BootstrapPresets.insecure(logN, logSlots);
      params = CkksParameters.of(bp.ckks());
      KeyGenerator kg = new KeyGenerator(params);
      sk = kg.genSecretKey();
      encoder = new Encoder(params);
      encryptor = Encryptor.withPublicKey(params, kg.genPublicKey(sk));
      decryptor = new Decryptor(params, sk);
      keys = BootstrapKeys.generate(bp, params, sk);
      boot = new Bootstrapper(bp, params, keys);
    }

    Ciphertext encrypt(double[] re, double[] im, int level) {
      return encryptor.encrypt(encoder.encode(re, im, level, params.defaultScale(), params.slots()));
    }
  }

  private static final Map<String, Setup> SETUPS = new ConcurrentHashMap<>();

  static Setup setup(int logN, int logSlots) {
    return SETUPS.computeIfAbsent(logN + "/" + logSlots, k -> new Setup(logN, logSlots));
  }

  private static double[] uniform(Random r, int n, double bound) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = bound * (2 * r.nextDouble() - 1);
    }
    return x;
  }

  @ParameterizedTest(name = "N=2^{0}, slots=2^{1}")
  @CsvSource({"10,9", "10,5", "12,11"})
  void bootstrappingRestoresComplexValues(int logN, int logSlots) {
    Setup s = setup(logN, logSlots);
    int n = s.params.slots();
    double[] re = uniform(new Random(logN * 100 + logSlots), n, 1);
    double[] im = uniform(new Random(logN * 100 + logSlots + 1), n, 1);
    Ciphertext ct = s.encrypt(re, im, 0);
    Ciphertext out = s.boot.bootstrap(ct);
    assertEquals(s.bp.residualLevels(), out.level());
    assertEquals(ct.scale(), out.scale(), 0);
    double[][] got = s.decryptor.decryptComplex(out);
    assertBits(re, got[0], MIN_BITS, MEAN_BITS, "bootstrapped real parts");
    assertBits(im, got[1], MIN_BITS, MEAN_BITS, "bootstrapped imaginary parts");
  }

  @ParameterizedTest(name = "N=2^{0}, slots=2^{1}")
  @CsvSource({"10,9", "10,5"})
  void twoRealCiphertextsAtOnceAreBothRefreshed(int logN, int logSlots) {
    Setup s = setup(logN, logSlots);
    int n = s.params.slots();
    double[] a = uniform(new Random(11), n, 1);
    double[] b = uniform(new Random(12), n, 1);
    Ciphertext[] out = s.boot.bootstrapPair(s.encrypt(a, null, 0), s.encrypt(b, null, 1));
    assertEquals(2, out.length);
    for (Ciphertext c : out) {
      assertEquals(s.bp.residualLevels(), c.level());
      assertEquals(s.params.defaultScale(), c.scale(), 0);
    }
    double[][] ga = s.decryptor.decryptComplex(out[0]);
    double[][] gb = s.decryptor.decryptComplex(out[1]);
    assertBits(a, ga[0], MIN_BITS - 1, MEAN_BITS - 1, "first real input");
    assertBits(b, gb[0], MIN_BITS - 1, MEAN_BITS - 1, "second real input");
    assertBits(new double[n], ga[1], MIN_BITS - 1, MEAN_BITS - 1, "first output stays real");
    assertBits(new double[n], gb[1], MIN_BITS - 1, MEAN_BITS - 1, "second output stays real");
  }

  @Test
  void rangeExtendedBootstrappingHandlesTwoToTheTwenty() {
    Setup s = setup(10, 9);
    int n = s.params.slots();
    long range = 1L << 20;
    double[] x = uniform(new Random(21), n, range);
    Ciphertext out = s.boot.bootstrapExtended(s.encrypt(x, null, 1), range);
    assertEquals(s.bp.residualLevels(), out.level());
    double[] got = s.decryptor.decrypt(out);
    double[] xs = new double[n];
    double[] gs = new double[n];
    for (int i = 0; i < n; i++) { // precision relative to the range
      xs[i] = x[i] / range;
      gs[i] = got[i] / range;
    }
    assertBits(xs, gs, MIN_BITS - 1, MEAN_BITS - 1, "range-extended bootstrapping, relative to 2^20");
    // A level-0 input at the default scale cannot hold 2^20: clear error, not garbage.
    Ciphertext low = s.encrypt(uniform(new Random(22), n, 1), null, 0);
    assertThrows(HeException.LevelException.class, () -> s.boot.bootstrapExtended(low, range));
  }

  @Test
  void clearErrorsForBadInputsAndMissingKeys() {
    Setup s = setup(10, 9);
    int n = s.params.slots();
    // Values declared in [-1, 1] at a scale too close to q_0: out of range.
    Ciphertext big = s.encryptor.encrypt(s.encoder.encode(new double[n], null, 0, Math.scalb(1.0, 55), n));
    assertThrows(HeException.ValueOverflowException.class, () -> s.boot.bootstrap(big));
    // Wrong slot count.
    Ciphertext few = s.encryptor.encrypt(s.encoder.encode(new double[4], null, 0, s.params.defaultScale(), 4));
    assertThrows(IllegalArgumentException.class, () -> s.boot.bootstrap(few));
    // Keys without the transforms' rotations.
    KeyGenerator kg = new KeyGenerator(s.params);
    BootstrapKeys partial = new BootstrapKeys(
        new EvaluationKeys(s.params, kg.genRelinearizationKey(s.sk), Map.of()), s.keys.encapsulation);
    HeException.MissingKeyException e = assertThrows(HeException.MissingKeyException.class,
        () -> new Bootstrapper(s.bp, s.params, partial));
    assertTrue(e.getMessage().contains("Galois"), e.getMessage());
    // A chain that does not match the level accounting.
    BootstrapParameters wrong = new BootstrapParameters("INSECURE-wrong", s.bp.ckks(), s.bp.residualLevels() + 1,
        s.bp.stcLevels(), s.bp.ctsLevels(), 32, 16, 63, 2, 8, "");
    assertThrows(HeException.InvalidParametersException.class, () -> new Bootstrapper(wrong, s.params, s.keys));
  }

  @Test
  void keysCoverExactlyTheTransformsAndStayLevelLimited() {
    Setup s = setup(12, 11);
    Map<Integer, Integer> plan = Bootstrapper.keyLevels(s.bp, s.params);
    assertEquals(plan.keySet(), s.keys.keys.galoisElements());
    for (var e : plan.entrySet()) {
      SwitchingKey k = s.keys.keys.galoisKeys().get(e.getKey());
      assertEquals(s.params.digitsAt(e.getValue()), k.digits(), "digits of the key for element " + e.getKey());
    }
    // SlotToCoeff's keys live low in the chain: smaller than a full key.
    long full = 8L * 2 * s.params.dnum() * s.params.fullSize() * s.params.n();
    assertTrue(s.keys.keys.galoisKeys().values().stream().anyMatch(k -> k.sizeBytes() < full / 2));
  }

  @Test
  void failureProbabilityFollowsTheIrwinHallTail() {
    BootstrapParameters bp = BootstrapPresets.N16_H192_H32;
    double log2p = bp.log2FailureProbability(16, 192);
    // 33 uniforms: P(|S| > 16) = 2 (0.5)^33 / 33!; times 2^16 coefficients.
    double exact = 16 + 1 - 33 - Math.log(factorial(33)) / Math.log(2); // Lattigo states 2^-138.7
    assertEquals(exact, log2p, 0.01);
    assertTrue(log2p < -128, "K = 16 with h' = 32 fails with probability below 2^-128: " + log2p);
    assertTrue(IrwinHall.log2UpperTail(33, 17) == Double.NEGATIVE_INFINITY);
  }

  private static double factorial(int m) {
    double f = 1;
    for (int i = 2; i <= m; i++) {
      f *= i;
    }
    return f;
  }

  @Test
  void bootstrapKeysRoundTripThroughTheBinaryFormatAndStillBootstrap() {
    Setup s = setup(10, 9);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    Serialization.writeBootstrapKeys(s.keys, out, s.params);
    BootstrapKeys back = Serialization.readBootstrapKeys(s.params, new java.io.ByteArrayInputStream(out.toByteArray()));
    org.junit.jupiter.api.Assertions.assertEquals(s.keys.sizeBytes(), back.sizeBytes());
    double[] x = new double[s.params.slots()];
    java.util.Random r = new java.util.Random(5);
    for (int i = 0; i < x.length; i++) {
      x[i] = 2 * r.nextDouble() - 1;
    }
    Ciphertext fresh = new Bootstrapper(s.bp, s.params, back).bootstrap(s.encrypt(x, null, 0));
    Precision.assertBits(x, s.decryptor.decrypt(fresh), 18, "bootstrapped with deserialized keys");
  }
}
