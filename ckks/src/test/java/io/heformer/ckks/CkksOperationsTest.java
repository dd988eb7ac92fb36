package io.heformer.ckks;

import static io.heformer.ckks.Precision.assertBits;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every homomorphic operation against double arithmetic, over random inputs in [-1, 1], on several
 * insecure test sets. The required precision is derived from the parameters: a fresh encryption at
 * scale 2^s and N = 2^n keeps a mean precision above s - n bits and a worst slot above s - n - 5; a
 * few bits less are allowed after key switching and multiplication, so the bound is a property of
 * the scheme, not of one run.
 */
class CkksOperationsTest {
  static CkksParametersSpec[] sets() {
    return TestParams.all();
  }

  private static double fresh(TestParams.Context c) {
    return c.params.spec().logDefaultScale() - c.params.logN() - 5;
  }

  private static double freshMean(TestParams.Context c) {
    return c.params.spec().logDefaultScale() - c.params.logN();
  }

  private static double[] random(Random r, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 2 * r.nextDouble() - 1;
    }
    return x;
  }

  private static Ciphertext enc(TestParams.Context c, double[] re, double[] im) {
    return c.encryptor.encrypt(c.encoder.encode(re, im, c.params.maxLevel(), c.params.defaultScale(), c.params.slots()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sets")
  void encryptDecryptWithPublicAndSecretKey(CkksParametersSpec spec) {
    TestParams.Context c = TestParams.context(spec);
    double[] x = random(new Random(1), c.params.slots());
    double[] y = random(new Random(2), c.params.slots());
    Plaintext p = c.encoder.encode(x, y, c.params.maxLevel(), c.params.defaultScale(), c.params.slots());
    double[][] pk = c.decryptor.decryptComplex(c.encryptor.encrypt(p));
    assertBits(x, pk[0], fresh(c), freshMean(c), "public-key encryption, real part");
    assertBits(y, pk[1], fresh(c), freshMean(c), "public-key encryption, imaginary part");
    Ciphertext s = c.skEncryptor.encrypt(p);
    assertBits(x, c.decryptor.decrypt(s), fresh(c), freshMean(c), "secret-key encryption");
    assertEquals(true, s.isSeeded());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sets")
  void encryptsAtEveryLevelAndSparseSlotCounts(CkksParametersSpec spec) {
    TestParams.Context c = TestParams.context(spec);
    for (int slots = 1; slots <= c.params.n() / 2; slots *= 8) {
      double[] x = random(new Random(slots), slots);
      for (int level = 0; level <= c.params.maxLevel(); level += 2) {
        Plaintext p = c.encoder.encode(x, null, level, c.params.defaultScale(), slots);
        assertBits(x, c.decryptor.decrypt(c.encryptor.encrypt(p)), fresh(c), "slots=" + slots + " level=" + level);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sets")
  void addSubNegateAndAliasing(CkksParametersSpec spec) {
    TestParams.Context c = TestParams.context(spec);
    int n = c.params.slots();
    double[] x = random(new Random(3), n);
    double[] y = random(new Random(4), n);
    Ciphertext cx = enc(c, x, null);
    Ciphertext cy = enc(c, y, null);
    double[] sum = new double[n];
    double[] diff = new double[n];
    double[] neg = new double[n];
    for (int i = 0; i < n; i++) {
      sum[i] = x[i] + y[i];
      diff[i] = x[i] - y[i];
      neg[i] = -x[i];
    }
    assertBits(sum, c.decryptor.decrypt(c.eval.addNew(cx, cy)), fresh(c) - 1, "add");
    assertBits(diff, c.decryptor.decrypt(c.eval.subNew(cx, cy)), fresh(c) - 1, "sub");
    assertBits(neg, c.decryptor.decrypt(c.eval.negateNew(cx)), fresh(c), "negate");
    Ciphertext alias = cx.copy();
    c.eval.add(alias, cy, alias);
    assertBits(sum, c.decryptor.decrypt(alias), fresh(c) - 1, "add into its own input");
    // Different levels: the result lives at the lower one.
    Ciphertext low = c.eval.dropLevelNew(cy, 1);
    Ciphertext mixed = c.eval.addNew(cx, low);
    assertEquals(1, mixed.level());
    assertBits(sum, c.decryptor.decrypt(mixed), fresh(c) - 1, "add across levels");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sets")
  void plaintextAndConstantOperations(CkksParametersSpec spec) {
    TestParams.Context c = TestParams.context(spec);
    int n = c.params.slots();
    int top = c.params.maxLevel();
    double[] x = random(new Random(5), n);
    double[] y = random(new Random(6), n);
    Ciphertext cx = enc(c, x, null);
    double[] want = new double[n];
    for (int i = 0; i < n; i++) {
      want[i] = x[i] + y[i];
    }
    Plaintext py = c.encoder.encode(y, null, top, c.params.defaultScale(), n);
    assertBits(want, c.decryptor.decrypt(c.eval.addPlainNew(cx, py)), fresh(c) - 1, "add plaintext");
    // ct x pt at the scale of the top prime, then rescale back to the input's scale.
    Plaintext pyq = c.encoder.encode(y, null, top, (double) c.params.q(top).q, n);
    Ciphertext prod = c.eval.rescaleNew(c.eval.mulPlainNew(cx, pyq));
    for (int i = 0; i < n; i++) {
      want[i] = x[i] * y[i];
    }
    assertEquals(top - 1, prod.level());
    assertEquals(c.params.defaultScale(), prod.scale(), c.params.defaultScale() * 1e-6);
    assertBits(want, c.decryptor.decrypt(prod), fresh(c) - 1, "ct x pt + rescale");
    // Real constant: one level.
    Ciphertext k = c.eval.rescaleNew(c.eval.mulConstNew(cx, -0.731));
    for (int i = 0; i < n; i++) {
      want[i] = -0.731 * x[i];
    }
    assertBits(want, c.decryptor.decrypt(k), fresh(c) - 1, "ct x real constant");
    // Integer constant: no level, no scale change.
    Ciphertext seven = c.eval.mulConstNew(cx, 7);
    assertEquals(top, seven.level());
    for (int i = 0; i < n; i++) {
      want[i] = 7 * x[i];
    }
    assertBits(want, c.decryptor.decrypt(seven), fresh(c) - 4, "ct x integer");
    // Complex constant and complex addition: (x)(0.5 - 0.25i) + (0.1 + 0.2i).
    Ciphertext z = c.eval.blankLike(cx);
    c.eval.mulConst(cx, 0.5, -0.25, z);
    c.eval.rescale(z, z);
    c.eval.addConst(z, 0.1, 0.2, z);
    double[][] got = c.decryptor.decryptComplex(z);
    double[] wr = new double[n];
    double[] wi = new double[n];
    for (int i = 0; i < n; i++) {
      wr[i] = 0.5 * x[i] + 0.1;
      wi[i] = -0.25 * x[i] + 0.2;
    }
    assertBits(wr, got[0], fresh(c) - 1, "complex constant, real part");
    assertBits(wi, got[1], fresh(c) - 1, "complex constant, imaginary part");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sets")
  void multiplyRelinearizeRescaleToTheBottom(CkksParametersSpec spec) {
    TestParams.Context c = TestParams.context(spec);
    int n = c.params.slots();
    double[] x = random(new Random(7), n);
    Ciphertext acc = enc(c, x, null);
    double[] want = x.clone();
    // x^(2^k) by repeated squaring, consuming every level.
    for (int level = c.params.maxLevel(); level > 0; level--) {
      Ciphertext sq = c.eval.mulRelinNew(acc, acc);
      assertEquals(1, sq.degree());
      acc = c.eval.rescaleNew(sq);
      for (int i = 0; i < n; i++) {
        want[i] = want[i] * want[i];
      }
      assertBits(want, c.decryptor.decrypt(acc), fresh(c) - 4, "square down to level " + acc.level());
    }
    assertEquals(0, acc.level());
    // Product of two different ciphertexts, relinearised separately.
    double[] y = random(new Random(8), n);
    Ciphertext t = c.eval.mulNew(enc(c, x, null), enc(c, y, null));
    assertEquals(2, t.degree());
    double[] xy = new double[n];
    for (int i = 0; i < n; i++) {
      xy[i] = x[i] * y[i];
    }
    assertBits(xy, c.decryptor.decrypt(t), fresh(c) - 2, "degree-2 ciphertext decrypts");
    Ciphertext r = c.eval.blankLike(t);
    c.eval.relinearize(t, r);
    assertBits(xy, c.decryptor.decrypt(c.eval.rescaleNew(r)), fresh(c) - 3, "relinearised product");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sets")
  void rotationsConjugationAndHoisting(CkksParametersSpec spec) {
    TestParams.Context c = TestParams.context(spec);
    int n = c.params.slots();
    double[] x = random(new Random(9), n);
    double[] y = random(new Random(10), n);
    Ciphertext cx = enc(c, x, y);
    int[] amounts = {1, -1, 2, 5, 16, 0};
    Ciphertext[] hoisted = c.eval.rotateHoisted(cx, amounts);
    for (int r = 0; r < amounts.length; r++) {
      double[] wr = new double[n];
      double[] wi = new double[n];
      for (int i = 0; i < n; i++) {
        wr[i] = x[Math.floorMod(i + amounts[r], n)];
        wi[i] = y[Math.floorMod(i + amounts[r], n)];
      }
      double[][] single = c.decryptor.decryptComplex(c.eval.rotateNew(cx, amounts[r]));
      assertBits(wr, single[0], fresh(c) - 3, "rotate " + amounts[r]);
      assertBits(wi, single[1], fresh(c) - 3, "rotate " + amounts[r] + " (imaginary)");
      double[][] h = c.decryptor.decryptComplex(hoisted[r]);
      assertBits(wr, h[0], fresh(c) - 3, "hoisted rotate " + amounts[r]);
      assertBits(wi, h[1], fresh(c) - 3, "hoisted rotate " + amounts[r] + " (imaginary)");
    }
    double[][] conj = c.decryptor.decryptComplex(c.eval.conjugateNew(cx));
    double[] negY = new double[n];
    for (int i = 0; i < n; i++) {
      negY[i] = -y[i];
    }
    assertBits(x, conj[0], fresh(c) - 3, "conjugate (real)");
    assertBits(negY, conj[1], fresh(c) - 3, "conjugate (imaginary)");
    // At a lower level the same keys serve.
    Ciphertext low = c.eval.dropLevelNew(cx, 0);
    double[] w1 = new double[n];
    for (int i = 0; i < n; i++) {
      w1[i] = x[(i + 3) % n];
    }
    assertBits(w1, c.decryptor.decrypt(c.eval.rotateNew(low, 3)), fresh(c) - 3, "rotate at level 0");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sets")
  void rotationByZeroOrSlotsIsIdentityWithoutKeys(CkksParametersSpec spec) {
    TestParams.Context c = TestParams.context(spec);
    double[] x = random(new Random(11), c.params.slots());
    Ciphertext cx = enc(c, x, null);
    Evaluator noKeys = new Evaluator(c.params, null);
    Ciphertext out = c.eval.blankLike(cx);
    noKeys.rotate(cx, c.params.slots(), out);
    assertBits(x, c.decryptor.decrypt(out), fresh(c), "rotate by the slot count");
    Ciphertext same = cx.copy();
    noKeys.rotate(same, 0, same);
    assertBits(x, c.decryptor.decrypt(same), fresh(c), "rotate by 0 in place");
  }
}
