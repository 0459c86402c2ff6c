package org.bsnn.plugins.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.UnsupportedLayerException;
import org.bsnn.api.network.Weights;
import org.bsnn.api.stage.Binarizer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * An IR {@link Network} translated into a Deeplearning4j {@link ComputationGraph} with the same
 * weights, for training with DL4J's backpropagation, and exported back.
 *
 * <p>Translation, node by node (vertex names are the IR node names): conv2d becomes a
 * {@code ConvolutionLayer} (truncate mode, explicit padding, identity activation), dense a {@code
 * DenseLayer}, pooling a {@code SubsamplingLayer}, relu an {@code ActivationLayer}, dropout a
 * {@code DropoutLayer} (DL4J takes the retain probability, 1 - rate; inverted dropout as
 * PyTorch's), flatten a {@code CnnToFeedForwardPreProcessor} vertex (C order over [c, h, w], as
 * PyTorch's {@code flatten(1)}), add an element-wise vertex. A softmax cross-entropy {@code
 * LossLayer} named {@value #LOSS} reads the IR output (class scores stay logits in the IR).
 *
 * <p>Weight layouts: DL4J stores conv weights as [out, in, kh, kw], the IR's layout, and dense
 * weights as [in, out], the transpose of the IR's [out, in]; biases are [1, out] in DL4J.
 *
 * <p>The graph's updater is {@code NoOp}: the trainer applies its own PyTorch-equivalent optimizer
 * to {@link #params()} using {@link #gradients()}.
 */
final class Dl4jNetwork {

  /** Name of the loss vertex appended after the IR output. */
  static final String LOSS = "__loss";

  private final Network template;
  private final ComputationGraph graph;

  private Dl4jNetwork(Network template, ComputationGraph graph) {
    this.template = template;
    this.graph = graph;
  }

  /**
   * Translates a network and copies its weights (binary weights as {@code signs * alpha}).
   *
   * @param seed DL4J's own seed (its initial weights are overwritten; it seeds nothing else)
   * @throws UnsupportedLayerException for batch norm (its running statistics are not trained yet)
   */
  static Dl4jNetwork of(Network net, long seed) {
    Map<String, long[]> shapes = NetworkForward.shapes(net);
    long[] in = net.inputShape();
    ComputationGraphConfiguration.GraphBuilder builder = new NeuralNetConfiguration.Builder()
        .seed(seed)
        .dataType(DataType.FLOAT)
        .updater(new NoOp())
        .trainingWorkspaceMode(WorkspaceMode.ENABLED)
        .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
        .graphBuilder()
        .addInputs(Network.INPUT)
        .setInputTypes(InputType.convolutional(in[1], in[2], in[0]));
    Map<String, long[]> known = new LinkedHashMap<>(shapes);
    known.put(Network.INPUT, in);
    for (Node node : net.nodes()) {
      String[] inputs = node.inputs().toArray(new String[0]);
      long[] inShape = known.get(node.inputs().get(0));
      Layer layer = node.layer();
      if (layer instanceof Layer.Conv2d conv) {
        builder.addLayer(node.name(), new ConvolutionLayer.Builder()
            .kernelSize(conv.kernel(), conv.kernel())
            .stride(conv.stride(), conv.stride())
            .padding(conv.padding(), conv.padding())
            .convolutionMode(ConvolutionMode.Truncate)
            .nIn(conv.inChannels())
            .nOut(conv.outChannels())
            .hasBias(conv.bias() != null)
            .activation(Activation.IDENTITY)
            .build(), inputs);
      } else if (layer instanceof Layer.Dense dense) {
        builder.addLayer(node.name(), new DenseLayer.Builder()
            .nIn(dense.inFeatures())
            .nOut(dense.outFeatures())
            .hasBias(dense.bias() != null)
            .activation(Activation.IDENTITY)
            .build(), inputs);
      } else if (layer instanceof Layer.AvgPool2d pool) {
        builder.addLayer(node.name(), pooling(SubsamplingLayer.PoolingType.AVG, pool.kernel(), pool.stride()), inputs);
      } else if (layer instanceof Layer.MaxPool2d pool) {
        builder.addLayer(node.name(), pooling(SubsamplingLayer.PoolingType.MAX, pool.kernel(), pool.stride()), inputs);
      } else if (layer instanceof Layer.Relu) {
        builder.addLayer(node.name(), new ActivationLayer.Builder().activation(Activation.RELU).build(), inputs);
      } else if (layer instanceof Layer.Dropout drop) {
        if (drop.rate() > 0) {
          builder.addLayer(node.name(), new DropoutLayer.Builder(1.0 - drop.rate()).build(), inputs);
        } else {
          builder.addLayer(node.name(), new ActivationLayer.Builder().activation(Activation.IDENTITY).build(), inputs);
        }
      } else if (layer instanceof Layer.Flatten) {
        if (inShape.length == 3) {
          builder.addVertex(node.name(),
              new PreprocessorVertex(new CnnToFeedForwardPreProcessor(inShape[1], inShape[2], inShape[0])), inputs);
        } else {
          builder.addLayer(node.name(), new ActivationLayer.Builder().activation(Activation.IDENTITY).build(), inputs);
        }
      } else if (layer instanceof Layer.Add) {
        builder.addVertex(node.name(), new ElementWiseVertex(ElementWiseVertex.Op.Add), inputs);
      } else if (layer instanceof Layer.BatchNorm) {
        throw new UnsupportedLayerException(node, "DL4J trainer",
            "batch norm is not trainable yet (its running statistics need their own update rule)");
      } else {
        throw new UnsupportedLayerException(node, "DL4J trainer", "unknown layer type " + layer.type());
      }
    }
    builder.addLayer(LOSS, new LossLayer.Builder(LossFunctions.LossFunction.MCXENT)
        .activation(Activation.SOFTMAX).build(), net.output());
    builder.setOutputs(LOSS);
    ComputationGraph graph = new ComputationGraph(builder.build());
    graph.init();
    Dl4jNetwork result = new Dl4jNetwork(net, graph);
    result.load(net);
    return result;
  }

  private static SubsamplingLayer pooling(SubsamplingLayer.PoolingType type, int kernel, int stride) {
    return new SubsamplingLayer.Builder(type)
        .kernelSize(kernel, kernel)
        .stride(stride, stride)
        .convolutionMode(ConvolutionMode.Truncate)
        .build();
  }

  /** The DL4J graph (train and inference). */
  ComputationGraph graph() {
    return graph;
  }

  /** The IR network this graph was built from (its weights are the initial ones). */
  Network template() {
    return template;
  }

  /** All parameters as one flat view [1, n]; updating it updates the layers. */
  INDArray params() {
    return graph.params();
  }

  /** The gradients of the last {@code computeGradientAndScore}, flat [1, n], aligned with params. */
  INDArray gradients() {
    return graph.getFlattenedGradients();
  }

  /** The DL4J weight view of a conv or dense node (conv [out,in,k,k], dense [in,out]). */
  INDArray weightView(String node) {
    return graph.getLayer(node).getParam("W");
  }

  /** The DL4J weight gradient view of a conv or dense node, same layout as {@link #weightView}. */
  INDArray weightGradientView(String node) {
    INDArray g = graph.gradient().getGradientFor(node + "_W");
    if (g == null) {
      throw new IllegalStateException("no gradient for " + node + "; call computeGradientAndScore first");
    }
    return g;
  }

  /** Whether a node's weights are stored transposed in DL4J (dense). */
  boolean transposed(String node) {
    return template.node(node).layer() instanceof Layer.Dense;
  }

  /** A DL4J-layout view as the IR layout (a view for dense, the same array for conv). */
  INDArray toIrLayout(String node, INDArray dl4j) {
    return transposed(node) ? dl4j.transpose() : dl4j;
  }

  /** Copies IR-layout values into a DL4J-layout array. */
  void assignFromIr(String node, INDArray dl4jTarget, INDArray ir) {
    toIrLayout(node, dl4jTarget).assign(ir);
  }

  /** Copies the weights (and biases) of {@code net}, which must have this graph's structure. */
  void load(Network net) {
    for (Node node : net.weightedNodes()) {
      Weights w;
      INDArray bias;
      if (node.layer() instanceof Layer.Conv2d conv) {
        w = conv.weights();
        bias = conv.bias();
      } else {
        Layer.Dense dense = (Layer.Dense) node.layer();
        w = dense.weights();
        bias = dense.bias();
      }
      try (INDArray values = w.dense()) {
        assignFromIr(node.name(), weightView(node.name()), values);
      }
      if (bias != null) {
        graph.getLayer(node.name()).getParam("b").assign(bias.reshape(1, bias.length()));
      }
    }
  }

  /**
   * Exports the current weights into the IR.
   *
   * @param binarizer when present, layers it selects (judged on the template) get {@code
   *     binarizer.binarize(real)} weights
   */
  Network export(Optional<Binarizer> binarizer) {
    List<String> selected = new ArrayList<>();
    for (Node node : template.weightedNodes()) {
      if (binarizer.isPresent() && binarizer.get().selects(node, template)) {
        selected.add(node.name());
      }
    }
    return template.mapNodes(node -> {
      Layer layer = node.layer();
      if (!(layer instanceof Layer.Conv2d) && !(layer instanceof Layer.Dense)) {
        return node;
      }
      INDArray real = toIrLayout(node.name(), weightView(node.name())).dup('c');
      Weights weights;
      if (selected.contains(node.name())) {
        weights = binarizer.get().binarize(real);
        real.close();
      } else {
        weights = new Weights.FullPrecision(real);
      }
      INDArray bias = null;
      if (layer instanceof Layer.Conv2d conv) {
        if (conv.bias() != null) {
          bias = graph.getLayer(node.name()).getParam("b").dup('c').reshape(conv.outChannels());
        }
        return node.withLayer(new Layer.Conv2d(conv.kernel(), conv.stride(), conv.padding(), weights, bias));
      }
      Layer.Dense dense = (Layer.Dense) layer;
      if (dense.bias() != null) {
        bias = graph.getLayer(node.name()).getParam("b").dup('c').reshape(dense.outFeatures());
      }
      return node.withLayer(new Layer.Dense(weights, bias));
    });
  }

  /**
   * Class scores (logits, before softmax) at inference (dropout off).
   *
   * @param input [n, c, h, w]
   * @return a new detached array [n, classes]
   */
  INDArray logits(INDArray input) {
    Map<String, INDArray> activations = graph.feedForward(input, false);
    return activations.get(template.output()).dup();
  }
}
