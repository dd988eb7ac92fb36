package io.heformer.ckks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heformer.ckks.HeException.CorruptDataException;
import io.heformer.ckks.HeException.InsecureParametersException;
import io.heformer.ckks.HeException.InvalidParametersException;
import io.heformer.ckks.HeException.LevelException;
import io.heformer.ckks.HeException.MissingKeyException;
import io.heformer.ckks.HeException.ParameterMismatchException;
import io.heformer.ckks.HeException.ScaleMismatchException;
import io.heformer.ckks.HeException.ValueOverflowException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ErrorsAndSerializationTest {
  private final TestParams.Context c = TestParams.context(TestParams.N12);

  private double[] random(int seed) {
    Random r = new Random(seed);
    double[] x = new double[c.params.slots()];
    for (int i = 0; i < x.length; i++) {
      x[i] = 2 * r.nextDouble() - 1;
    }
    return x;
  }

  private Ciphertext enc(double[] x) {
    return c.encryptor.encrypt(c.encoder.encode(x));
  }

  @Test
  void securityCheckRefusesInsecureSetsAndAcceptsTheSecurePresets() {
    CkksParametersSpec tooBig = CkksParametersSpec.of("too-big", 12, new int[] {60, 50}, new int[] {60}, 2, 40);
    InsecureParametersException e = assertThrows(InsecureParametersException.class, () -> CkksParameters.of(tooBig));
    assertTrue(e.getMessage().contains("109"), e.getMessage()); // the bound for N = 2^12
    // Test-only sets must say so in their name.
    assertThrows(InvalidParametersException.class, () -> CkksParameters.of(tooBig.asTestOnly()));
    // Sparse secrets have no estimate at N = 2^12.
    CkksParametersSpec sparse = CkksParametersSpec.of("sparse", 12, new int[] {50}, new int[] {50}, 1, 40)
        .withSecret(SecretDistribution.sparse(64));
    assertThrows(InsecureParametersException.class, () -> CkksParameters.of(sparse));
    for (CkksParametersSpec s : ParameterPresets.all().values()) {
      CkksParameters p = CkksParameters.of(s);
      assertTrue(SecurityStandard.isSecure(p.logN(), p.logQP(), p.secret()), s.name());
    }
    assertEquals(24, CkksParameters.of(ParameterPresets.N16_L24).maxLevel() + 1);
  }

  @Test
  void invalidSpecsNameTheField() {
    assertTrue(assertThrows(InvalidParametersException.class, () -> CkksParameters.of(
        CkksParametersSpec.of("INSECURE-x", 12, new int[] {50, 50}, new int[] {30}, 1, 40).asTestOnly()))
        .getMessage().contains("log P"));
    assertTrue(assertThrows(InvalidParametersException.class, () -> CkksParameters.of(
        CkksParametersSpec.of("INSECURE-x", 12, new int[] {50}, new int[] {50}, 3, 40).asTestOnly()))
        .getMessage().contains("dnum"));
  }

  @Test
  void operationsRefuseBadOperandsWithNamedErrors() {
    Ciphertext a = enc(random(1));
    Ciphertext b = c.eval.mulConstNew(enc(random(2)), 0.5); // scale Delta q_L
    assertThrows(ScaleMismatchException.class, () -> c.eval.addNew(a, b));
    Ciphertext bottom = c.eval.dropLevelNew(a, 0);
    assertThrows(LevelException.class, () -> c.eval.rescaleNew(bottom));
    MissingKeyException m = assertThrows(MissingKeyException.class, () -> c.eval.rotateNew(a, 7));
    assertTrue(m.getMessage().contains("rotation by 7") || m.getMessage().contains("rotate by 7"), m.getMessage());
    assertThrows(MissingKeyException.class, () -> new Evaluator(c.params, null).mulRelinNew(a, a));
    double[] huge = new double[c.params.slots()];
    huge[0] = 1e90; // 2^299 * 2^45 exceeds the 2^280 modulus
    assertThrows(ValueOverflowException.class, () -> c.encoder.encode(huge));
    TestParams.Context other = TestParams.context(TestParams.N11);
    Ciphertext foreign = other.encryptor.encrypt(other.encoder.encode(new double[] {1}));
    assertThrows(ParameterMismatchException.class, () -> c.eval.addNew(a, foreign));
    assertThrows(ParameterMismatchException.class, () -> c.decryptor.decrypt(foreign));
  }

  @Test
  void decryptingWithTheWrongKeyIsDetectedAboveLevelZero() {
    SecretKey wrong = new KeyGenerator(c.params).genSecretKey();
    Ciphertext a = enc(random(3));
    assertThrows(ValueOverflowException.class, () -> new Decryptor(c.params, wrong).decrypt(a));
  }

  private static byte[] bytes(java.util.function.Consumer<ByteArrayOutputStream> w) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    w.accept(out);
    return out.toByteArray();
  }

  @Test
  void roundTripsAreExact() {
    double[] x = random(4);
    CkksParameters p2 = Serialization.readParameters(
        new ByteArrayInputStream(bytes(o -> Serialization.writeParameters(c.params, o))));
    assertEquals(c.params.fingerprint(), p2.fingerprint());
    assertArrayEquals(c.params.qPrimes(), p2.qPrimes());

    Ciphertext ct = c.eval.rescaleNew(c.eval.mulRelinNew(enc(x), enc(x)));
    Ciphertext back = Serialization.readCiphertext(c.params,
        new ByteArrayInputStream(bytes(o -> Serialization.writeCiphertext(ct, o))));
    assertEquals(ct.level(), back.level());
    assertEquals(ct.scale(), back.scale());
    for (int k = 0; k < 2; k++) {
      for (int l = 0; l <= ct.level(); l++) {
        assertArrayEquals(ct.parts[k][l], back.parts[k][l]);
      }
    }
    // A fresh secret-key ciphertext travels as c_0 plus a seed: about half the size.
    Ciphertext fresh = c.skEncryptor.encrypt(c.encoder.encode(x));
    byte[] seeded = bytes(o -> Serialization.writeCiphertext(fresh, o));
    byte[] full = bytes(o -> Serialization.writeCiphertext(c.eval.negateNew(c.eval.negateNew(fresh)), o));
    assertTrue(seeded.length < 0.55 * full.length, seeded.length + " vs " + full.length);
    Ciphertext freshBack = Serialization.readCiphertext(c.params, new ByteArrayInputStream(seeded));
    for (int l = 0; l <= fresh.level(); l++) {
      assertArrayEquals(fresh.parts[1][l], freshBack.parts[1][l]);
    }

    SecretKey sk2 = Serialization.readSecretKey(c.params,
        new ByteArrayInputStream(bytes(o -> Serialization.writeSecretKey(c.sk, o))));
    assertArrayEquals(x, new Decryptor(c.params, sk2).decrypt(freshBack), 1e-6);
    PublicKey pk2 = Serialization.readPublicKey(c.params,
        new ByteArrayInputStream(bytes(o -> Serialization.writePublicKey(c.pk, o))));
    assertArrayEquals(x, c.decryptor.decrypt(Encryptor.withPublicKey(c.params, pk2).encrypt(c.encoder.encode(x))), 1e-6);
    Plaintext pt = c.encoder.encode(x);
    Plaintext pt2 = Serialization.readPlaintext(c.params,
        new ByteArrayInputStream(bytes(o -> Serialization.writePlaintext(pt, o))));
    for (int l = 0; l <= pt.level(); l++) {
      assertArrayEquals(pt.poly[l], pt2.poly[l]);
    }
  }

  @Test
  void evaluationKeysRoundTripAndStillWork() {
    KeyGenerator kg = new KeyGenerator(c.params);
    EvaluationKeys keys = kg.genEvaluationKeys(c.sk, List.of(1), false);
    EvaluationKeys back = Serialization.readEvaluationKeys(c.params,
        new ByteArrayInputStream(bytes(o -> Serialization.writeEvaluationKeys(keys, o, c.params))));
    assertEquals(keys.galoisElements(), back.galoisElements());
    double[] x = random(5);
    double[] got = c.decryptor.decrypt(new Evaluator(c.params, back).rotateNew(enc(x), 1));
    for (int i = 0; i < x.length; i++) {
      assertEquals(x[(i + 1) % x.length], got[i], 1e-5);
    }
  }

  @Test
  void corruptTruncatedAndMismatchedInputIsRefused() {
    Ciphertext ct = enc(random(6));
    byte[] good = bytes(o -> Serialization.writeCiphertext(ct, o));
    byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 0x10;
    assertThrows(CorruptDataException.class,
        () -> Serialization.readCiphertext(c.params, new ByteArrayInputStream(flipped)));
    byte[] truncated = java.util.Arrays.copyOf(good, good.length - 100);
    assertTrue(assertThrows(CorruptDataException.class,
        () -> Serialization.readCiphertext(c.params, new ByteArrayInputStream(truncated))).getMessage().contains("truncated"));
    byte[] badMagic = good.clone();
    badMagic[0] = 'X';
    assertThrows(CorruptDataException.class,
        () -> Serialization.readCiphertext(c.params, new ByteArrayInputStream(badMagic)));
    byte[] badVersion = good.clone();
    badVersion[5] = 9;
    assertTrue(assertThrows(CorruptDataException.class,
        () -> Serialization.readCiphertext(c.params, new ByteArrayInputStream(badVersion))).getMessage().contains("version"));
    assertThrows(CorruptDataException.class,
        () -> Serialization.readPlaintext(c.params, new ByteArrayInputStream(good)));
    CkksParameters other = CkksParameters.of(TestParams.N11);
    assertThrows(ParameterMismatchException.class,
        () -> Serialization.readCiphertext(other, new ByteArrayInputStream(good)));
  }

  @Test
  void releasedValuesAreRoundedToTheRequestedGridAndStayClose() {
    double[] x = random(7);
    double[] released = c.decryptor.decryptForRelease(enc(x), 12);
    double step = Math.scalb(1.0, -12);
    int differs = 0;
    for (int i = 0; i < x.length; i++) {
      assertEquals(0, Math.IEEEremainder(released[i], step), 0.0, "on the 2^-12 grid");
      assertTrue(Math.abs(released[i] - x[i]) < 8 * step, "within 8 grid steps");
      differs += Math.abs(Math.rint(x[i] / step) * step - released[i]) > 0 ? 1 : 0;
    }
    assertTrue(differs > x.length / 10, "the flooding noise moves a good share of values off plain rounding");
  }
}
