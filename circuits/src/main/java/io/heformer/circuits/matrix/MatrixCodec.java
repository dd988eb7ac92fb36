package io.heformer.circuits.matrix;

import io.heformer.ckks.Ciphertext;
import io.heformer.ckks.CkksParameters;
import io.heformer.ckks.Decryptor;
import io.heformer.ckks.Encoder;
import io.heformer.ckks.Encryptor;
import java.util.ArrayList;
import java.util.List;

/**
 * Client-side packing, encoding and encryption of real matrices, and decryption back to matrices.
 * The decryptor is optional (an encrypt-only client). Thread-safe if the encryptor is.
 */
public final class MatrixCodec {
  private final CkksParameters params;
  private final Encoder encoder;
  private final Encryptor encryptor;
  private final Decryptor decryptor;

  /** @param decryptor may be null */
  public MatrixCodec(CkksParameters params, Encryptor encryptor, Decryptor decryptor) {
    this.params = params;
    this.encoder = new Encoder(params);
    this.encryptor = encryptor;
    this.decryptor = decryptor;
  }

  /** m (and optionally a second matrix as imaginary part) encrypted at a level, at the default scale. */
  public PackedMatrix<Ciphertext> encrypt(Packing p, double[][] re, double[][] im, int level) {
    double[][] vr = p.pack(re);
    double[][] vi = im == null ? null : p.pack(im);
    List<Ciphertext> parts = new ArrayList<>();
    for (int i = 0; i < vr.length; i++) {
      parts.add(encryptor.encrypt(encoder.encode(vr[i], vi == null ? null : vi[i], level, params.defaultScale(), p.slots())));
    }
    return new PackedMatrix<>(p, parts);
  }

  /** The real parts as a matrix. */
  public double[][] decrypt(PackedMatrix<Ciphertext> m) {
    return decryptParts(m)[0];
  }

  /** {real parts, imaginary parts} as matrices. */
  public double[][][] decryptParts(PackedMatrix<Ciphertext> m) {
    if (decryptor == null) {
      throw new IllegalStateException("this codec holds no decryptor");
    }
    List<double[]> re = new ArrayList<>();
    List<double[]> im = new ArrayList<>();
    for (Ciphertext c : m.parts()) {
      double[][] z = decryptor.decryptComplex(c);
      re.add(z[0]);
      im.add(z[1]);
    }
    return new double[][][] {m.packing().unpack(re), m.packing().unpack(im)};
  }
}
