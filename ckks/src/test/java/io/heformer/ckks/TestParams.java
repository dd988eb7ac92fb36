package io.heformer.ckks;

/** Small, insecure parameter sets for fast tests (their names say so), and a context per set. */
public final class TestParams {
  private TestParams() {}

  /** N = 2^12, five 45-bit rescaling primes, dnum 2. */
  public static final CkksParametersSpec N12 = CkksParametersSpec.of(
      "INSECURE-N12-L5", 12, new int[] {55, 45, 45, 45, 45, 45}, new int[] {58, 58, 58}, 2, 45).asTestOnly();

  /** N = 2^11, 40-bit scale, dnum 3 with uneven digits, sparse slots. */
  public static final CkksParametersSpec N11 = CkksParametersSpec.of(
      "INSECURE-N11-L4", 11, new int[] {50, 40, 40, 40, 40}, new int[] {52, 52}, 3, 40)
      .withLogSlots(8).asTestOnly();

  /** N = 2^13, 60-bit top primes, dnum 1 (one digit: the whole chain). */
  public static final CkksParametersSpec N13 = CkksParametersSpec.of(
      "INSECURE-N13-L3", 13, new int[] {60, 50, 50, 50}, new int[] {60, 60, 60, 61}, 1, 50).asTestOnly();

  public static CkksParametersSpec[] all() {
    return new CkksParametersSpec[] {N12, N11, N13};
  }

  /** Everything a test needs: parameters, keys for a few rotations, encoder, encryptors, decryptor, evaluator. */
  public static final class Context {
    public final CkksParameters params;
    public final SecretKey sk;
    public final PublicKey pk;
    public final EvaluationKeys evk;
    public final Encoder encoder;
    public final Encryptor encryptor;
    public final Encryptor skEncryptor;
    public final Decryptor decryptor;
    public final Evaluator eval;

    public Context(CkksParametersSpec spec, java.util.List<Integer> rotations) {
      params = CkksParameters.of(spec);
      KeyGenerator kg = new KeyGenerator(params);
      sk = kg.genSecretKey();
      pk = kg.genPublicKey(sk);
      evk = kg.genEvaluationKeys(sk, rotations, true);
      encoder = new Encoder(params);
      encryptor = Encryptor.withPublicKey(params, pk);
      skEncryptor = Encryptor.withSecretKey(params, sk);
      decryptor = new Decryptor(params, sk);
      eval = new Evaluator(params, evk);
    }
  }

  private static final java.util.Map<CkksParametersSpec, Context> CONTEXTS = new java.util.concurrent.ConcurrentHashMap<>();

  /** A shared context with rotation keys for +-1, 2, 3, 5 and 16. */
  public static Context context(CkksParametersSpec spec) {
    return CONTEXTS.computeIfAbsent(spec, s -> new Context(s, java.util.List.of(1, -1, 2, 3, 5, 16)));
  }
}
