/*
 * Below these lengths a tensor's update runs as the JavaScript loop: the WebAssembly kernel's
 * fixed cost per call (staging the arrays, the call itself: ~100–200 ns) exceeds what its two
 * lanes save. Measured on float64 tensors (loop vs kernel, ns per update): Adam 439 vs 355 at
 * 64 entries and 282 vs 294 at 32; SGD with momentum 133 vs 138 at 64 and 472 vs 231 at 256;
 * plain SGD 132 vs 136 at 128 and 265 vs 168 at 256. Either path gives the same bits.
 */

/** Rules with a square root and a division per entry (Adam, RMSprop, Adagrad, Adadelta). */
export const KERNEL_MIN_ROOT_RULE = 64;
/** SGD, with or without momentum: one or two multiply-adds per entry. */
export const KERNEL_MIN_SGD = 256;
