package org.bsnn.plugins.simulation.engine;

import java.util.List;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.network.LayerOps;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.snn.ShardableSimulation;
import org.bsnn.api.snn.SimulationLoop;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.snn.SpikingKernel;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingSimulation;
import org.bsnn.api.snn.StepKernel;
import org.bsnn.api.stage.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fast backends ({@code bitpacked}, {@code event-driven}) for {@link SimulationLoop}: compiles
 * a network into a {@link Plan} (packed weights, cached for the same network object) and starts an
 * {@link EngineKernel} per batch, all sharing one pool of {@link Workers}. The semantics are those
 * of {@code time-stepped} (initial potential 0, {@code v += current}, spike when {@code v >=
 * threshold}, reset by subtraction or to zero, pipelined or same-step propagation); the data layout
 * differs: per-sample Java arrays, spikes packed in 64-bit words, projections computed per sample.
 *
 * <p>Whatever has no kernel (the encoded input, real-valued layers in {@code bitpacked}, chains
 * other than {@code [flatten] (conv|dense) [avgpool] [flatten]}) runs through {@link LayerOps} on
 * the whole batch with the batch size of the reference, so it is bit-identical to it.
 */
public final class KernelEngine implements SpikingSimulation.Backend {

  private final KernelPolicy policy;
  private final int timesteps;
  private final int batchSize;
  private final int limit;
  private final int threads;

  private KernelEngine(KernelPolicy policy, int timesteps, int batchSize, int limit, int threads) {
    this.policy = policy;
    this.timesteps = timesteps;
    this.batchSize = batchSize;
    this.limit = limit;
    this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
  }

  /**
   * The bitpacked backend: binary projections by AND + popcount on packed spikes or by 16-bit
   * scatter of the spikes' ±1 footprints ({@code choice}), everything else by ND4J.
   */
  public static KernelEngine bitpacked(
      int timesteps, int batchSize, int limit, int threads, KernelChoice choice) {
    return new KernelEngine(
        new KernelPolicy.Bitpacked(choice), timesteps, batchSize, limit, threads);
  }

  /**
   * The event-driven backend: projections from spiking nodes by scatter-add of the spiking inputs'
   * weights, by ND4J when the source's spike rate this timestep exceeds {@code denseAbove}.
   */
  public static KernelEngine eventDriven(
      int timesteps, int batchSize, int limit, int threads, double denseAbove) {
    return new KernelEngine(
        new KernelPolicy.EventDriven(denseAbove), timesteps, batchSize, limit, threads);
  }

  /**
   * Whether integrate-and-fire runs on the JDK's Vector API (else a scalar loop); see {@link
   * Firing}.
   */
  public static boolean vectorApi() {
    return Simd.ENABLED;
  }

  /**
   * Whether the AND + popcount loops run on the Vector API's lane-wise popcount (else the scalar
   * loops that C2 vectorises itself); see {@code Loops}.
   */
  public static boolean vectorPopcount() {
    return Loops.vectorPopcount;
  }

  /**
   * Binary synapses this backend's kernels evaluate per image and timestep in {@code network}
   * (fan-in times outputs of every binary projection with a per-sample kernel; compiles it).
   */
  public long binarySynapses(SpikingNetwork network) {
    return plan(network).binarySynapses();
  }

  /** Threads used (the configured number, or the available processors for 0). */
  public int threads() {
    return threads;
  }

  /**
   * Which kernel each projection of {@code network} gets, one line per projection (compiles it).
   */
  public List<String> describe(SpikingNetwork network) {
    return plan(network).describeKernels();
  }

  /** Samples per chunk of work (0: two chunks per worker); settable for A/B measurements. */
  static volatile int samplesPerChunk = Integer.getInteger("bsnn.samplesPerChunk", 0);

  // The last compiled plan, reused while the same network object is simulated again with the same
  // kernels (a sweep over timesteps or data, or a benchmark's repeated runs): weakly keyed, softly
  // held.
  private static final Object CACHE_LOCK = new Object();
  private static java.lang.ref.WeakReference<SpikingNetwork> cachedNetwork;
  private static String cachedKey;
  private static java.lang.ref.SoftReference<Plan> cachedPlan;

  /**
   * The network compiled for this backend's kernels (packed weights), cached for the same network
   * object.
   */
  private Plan plan(SpikingNetwork network) {
    synchronized (CACHE_LOCK) {
      if (cachedNetwork != null
          && cachedNetwork.get() == network
          && policy.key().equals(cachedKey)) {
        Plan plan = cachedPlan.get();
        if (plan != null) {
          return plan;
        }
      }
      Plan plan = Plan.compile(network, policy);
      cachedNetwork = new java.lang.ref.WeakReference<>(network);
      cachedKey = policy.key();
      cachedPlan = new java.lang.ref.SoftReference<>(plan);
      return plan;
    }
  }

  /**
   * Simulates {@code data} (the first {@code limit} images when limit > 0), as the reference does.
   */
  public SimulationTrace simulate(
      SpikingNetwork network, DataSplit data, List<Optimizer> optimizers, RunContext context) {
    return new SpikingSimulation(timesteps, batchSize, limit)
        .simulate(network, data, optimizers, context, this);
  }

  /** This engine as a shardable simulation (same loop settings, same kernels). */
  public ShardableSimulation sharding() {
    return new ShardableSimulation(new SpikingSimulation(timesteps, batchSize, limit), this);
  }

  @Override
  public String name() {
    return policy.name() + " (" + threads + " threads)";
  }

  @Override
  public StepKernel.Factory<? extends SpikingKernel> kernels(SpikingNetwork network) {
    Plan plan = plan(network);
    Workers workers = new Workers(threads);
    Scratch[] scratch = new Scratch[workers.threads()];
    for (int i = 0; i < scratch.length; i++) {
      scratch[i] = new Scratch();
    }
    int chunk = samplesPerChunk;
    return new StepKernel.Factory<>() {
      @Override
      public EngineKernel start(int samples, INDArray constant) {
        return new EngineKernel(plan, policy, samples, constant, workers, scratch, chunk);
      }

      @Override
      public void close() {
        workers.close();
      }
    };
  }
}
