/**
 * Invertible neural networks (normalising flows) on DJL with PyTorch: what FrEIA offers for low-dimensional data.
 * <p>
 * Where to start:
 * <ul>
 * <li>{@link org.innsight.inn.InnModel}: a trained flow with its model card; posterior samples, log-densities in
 * the user's units, latent maps; loads InnSight weights or TorchScript ({@link org.innsight.inn.TorchScriptFlow}).</li>
 * <li>{@link org.innsight.inn.InnTraining}: train from rows in user units and get an {@code InnModel} with a
 * complete card; {@link org.innsight.inn.TrainPosterior} does the whole table-to-model-folder job.</li>
 * <li>{@link org.innsight.inn.ConditionalFlow} and {@link org.innsight.inn.Conditioning}: the NDArray-level
 * contract (conditions computed once per observation, rows p*N + k belong to observation p).</li>
 * <li>{@link org.innsight.inn.InvertibleNetwork}, {@link org.innsight.inn.InnArchitecture},
 * {@link org.innsight.inn.InnTrainer}, {@link org.innsight.inn.TrainingOptions}: the network and its
 * maximum-likelihood training.</li>
 * </ul>
 * Differentiated code must not pass Numbers to NDArray ops (see {@link org.innsight.engine.NativeArrays}).
 * <p>
 * Speed ({@code ./innsight bench inn --thread-counts 2 --rows-per-call 8192} prints all of these; 2 cores, shared
 * machine, launcher defaults). Since 2026-12-06 22:00 the training figure is the median of epochs 3-20 of one run
 * (100 steps each), every epoch printed; before, it was epoch 2 of a fresh JVM, which the JIT compilers still slow
 * down (C2 compiles for about 3.7 s of CPU time in such a run, competing with the two compute threads for the two
 * cores: epochs 1-2 ran at 19-26k and 24-36k, and epochs around 6-9 dip to 22-26k, against 33-43k in most later
 * epochs; with {@code -XX:TieredStopAtLevel=1} there is no dip, but the steady state was 33.2-33.7k against
 * 34.2-39.4k in three interleaved pairs, and the Mutex Watershed would lose C2's code, so the launcher keeps the
 * default). Seven whole runs 21:50-22:11 with this measure, medians and ranges: training 36.3k (28.2-37.8k)
 * samples/s, at least 33k in 6 of 7; validation NLL -1.50 after 10.9 s (10.3-12.1 s, 20 epochs);
 * {@code InnModel.sample} 343k (303-365k) samples/s at 59 % (55-63 %) of DJL's matmul rate per CPU-second. Earlier
 * figures below are epoch 2's. 2026-12-06 (issue 17), 7 runs interleaved with 7 of the code before it, medians and
 * ranges: training 28.1k (27.3-34.0k) samples/s at batch 512, before 27.2k (17.0-31.2k), faster in 5 of 7 pairs;
 * sampling 289k (232-329k) samples/s at 8192 rows per call, before 242k (232-327k), faster in only 3 of 7 pairs (the
 * inverse pass barely changed); 52 % (44-57 %) of DJL's matmul rate per CPU-second, before 47 %;
 * {@code InnModel.sample} 317k (249-353k), before 258k (226-345k); validation NLL -1.50 on the standard table after
 * 12.6 s (10.7-13.6 s), 20 epochs, before 9.4 s (8.3-11.1 s), 15 epochs, the same 0.63 s per epoch. Which epoch first
 * reaches -1.50 depends on float rounding: an intermediate build whose steps compute the same gradients (every
 * weight's gradient norm equal to 7 digits on a fixed batch) needed 11 epochs, and over training seeds 1-5 the code
 * before needed 13-17 epochs, this code 11-24. The same build swings 17-34k between runs on this machine, so only
 * interleaved figures compare. In one JVM, both builds' {@code InnBenchmark} training measurement alternated
 * (8 pairs): 29.3k -> 31.7k samples/s, faster in 8 of 8 pairs (bare step loop: about 14 ms a step, of which about 6.6 ms
 * matrix products at the 115 GFLOP/s DJL reaches for these shapes). 2026-12-05, before that work: training 26-32k
 * samples/s; validation NLL -1.50 in 8.4-11 s; sampling 239-340k samples/s, 40-54 % of the matmul rate;
 * {@code InnModel.sample} 248-317k samples/s; the launcher's serial collector (issue 19) gave training 31.5k samples/s
 * in two runs interleaved with G1's 27.3k and 28.6k. What made the
 * difference: activations freed block by block (freed memory is reused warm instead of page-faulted in anew),
 * all weight views of a training step from one split of the flat weight array per group of equally shaped weights
 * (the backward pass then builds one flat gradient, not one zero-filled flat-sized gradient per weight), a fresh
 * gradient leaf per step (nothing to zero), Adam in one native call, log-dets summed once per kind (couplings'
 * log-scales, ActNorms' log-scales); per training step (issue 17) every subnet's condition share of its first layer
 * in one product of stacked weights, used as the first product's bias, and the target transform run once over the
 * training table; and the launcher's bounded OpenMP spin (GOMP_SPINCOUNT=10000000) and glibc malloc settings (see
 * its comments for the figures with and without). The median of the 18 timed epochs is the mean of the middle two
 * since 2026-12-07 03:15 (before, the upper of them).
 * <p>
 * Where the rest of training's speed is (2026-12-06 20:50, {@code ./innsight --threads 1 bench inn
 * --concurrent-trainers 2 [--batch 256]}, 3 rounds each): a trainer on 2 engine threads is no faster than one on
 * 1 (26-30k samples/s at batch 512 either way; the second thread's share of the products is eaten by OpenMP
 * barriers and the parallel start of wide elementwise ops). Two trainers at once in one process on 1 thread each
 * reach 42-46k in total at batch 512 with the launcher's MALLOC_ARENA_MAX=1 and 52-56k with 2; at batch 256 (what
 * a data-parallel step of 512 would run per thread) 25-26k with 1 arena, 40k with 2. So splitting each batch across
 * two threads could give about 1.4x, but only with a malloc arena per thread, and MALLOC_ARENA_MAX=2 halved sampling
 * in the same hour (145k against 290-335k samples/s at 8192 rows per call).
 * <p>
 * Data-parallel steps, tried 2026-12-06 21:30 and not kept: each batch of 512 split into two halves of 256, each
 * half's forward and backward pass on its own thread with 1 engine thread, over gradient-recording views of the same
 * weights, the two gradients summed before one Adam step. In one process, 5 alternating rounds: 31.5k (30.6-33.0k)
 * samples/s against plain steps' 35.2k (32.7-36.8k); with MALLOC_ARENA_MAX=2 30.8k against 32.2k; with glibc's
 * per-thread cache enlarged ({@code GLIBC_TUNABLES=glibc.malloc.tcache_count=1000:glibc.malloc.tcache_max=4096})
 * 30.9k against 31.2k; at batch 1024, 40.7k against 40.0k. Two independent trainers at batch 256 reached 34.6-35.5k in
 * total in the same hour, so the split step's own costs (two sets of weight views, the gradient sum, the hand-over
 * between threads) eat what the second thread brings. A CPU profile of plain training on 2 threads ({@code perf
 * record -e cpu-clock}, 43 s) shows why a second thread gives little: the engine's matrix products run their inner
 * kernel on the OpenMP worker (41 % of its time; it spins for the rest) while the calling thread packs the operands
 * and then waits at the barrier (23 % of its time); elementwise kernels take about 12 % of the calling thread,
 * malloc 5 %, Java code 7 %, the JNI layer 2 %; the rest is the engine's dispatch and autograd bookkeeping.
 */
package org.innsight.inn;
