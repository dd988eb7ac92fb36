package io.heformer.nn.model;

import io.heformer.nn.tensor.Matrix;

/**
 * The tensors of a {@link ParameterSet} resolved once into typed views, so the forward and backward
 * passes never look names up. Built for the parameters and, identically, for the gradients;
 * absent tensors (biases, adapters, head) are null.
 */
final class BertTensors {

  /** A dense projection {@code X W + b + s (X A) B}; bias and adapter may be null. */
  record Projection(Matrix weight, Matrix bias, Matrix loraA, Matrix loraB) {}

  /** One transformer block. */
  record Layer(Matrix ln1Gamma, Matrix ln1Beta, Projection query, Projection key,
      Projection value, Projection output, Matrix ln2Gamma, Matrix ln2Beta, Projection ffnIn,
      Projection ffnOut) {}

  final Matrix word;
  final Matrix position;
  final Matrix embLnGamma;
  final Matrix embLnBeta;
  final Layer[] layers;
  final Matrix finalLnGamma;
  final Matrix finalLnBeta;
  final Matrix headA;
  final Matrix headB;
  final Matrix headClassifier;
  final Matrix mlmDecoder;

  BertTensors(ParameterSet p, BertConfig config) {
    word = p.get("embedding.word");
    position = p.get("embedding.position");
    embLnGamma = p.get("embedding.ln.gamma");
    embLnBeta = p.get("embedding.ln.beta");
    layers = new Layer[config.layers()];
    for (int l = 0; l < layers.length; l++) {
      String pre = "layer" + l + ".";
      layers[l] = new Layer(
          p.get(pre + "ln1.gamma"), p.get(pre + "ln1.beta"),
          projection(p, pre, LoraTarget.QUERY), projection(p, pre, LoraTarget.KEY),
          projection(p, pre, LoraTarget.VALUE), projection(p, pre, LoraTarget.OUTPUT),
          p.get(pre + "ln2.gamma"), p.get(pre + "ln2.beta"),
          projection(p, pre, LoraTarget.FFN_IN), projection(p, pre, LoraTarget.FFN_OUT));
    }
    finalLnGamma = p.find("final.ln.gamma");
    finalLnBeta = p.find("final.ln.beta");
    headA = p.find("head.pooler_a");
    headB = p.find("head.pooler_b");
    headClassifier = p.find("head.classifier");
    mlmDecoder = switch (config.mlmDecoder()) {
      case NONE -> null;
      case TIED -> word;
      case UNTIED -> p.get("mlm.decoder");
    };
  }

  private static Projection projection(ParameterSet p, String layer, LoraTarget t) {
    String n = layer + t.path();
    return new Projection(p.get(n + ".weight"), p.find(n + ".bias"),
        p.find(n + ParameterLayout.LORA_A), p.find(n + ParameterLayout.LORA_B));
  }
}
