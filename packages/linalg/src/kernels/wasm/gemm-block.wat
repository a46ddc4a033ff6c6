;; gemm-block.wat — the WebAssembly SIMD kernel behind matmul, matmulTransA and matmulTransB.
;;
;; One exported function computes row panels s0..s1-1 of a block, C = A · PB, where
;;   A is read in place through byte strides: row 4s + r, step p is at
;;     a + s·panel + r·row + p·step     (rows at or past $mc read row 4s instead: no edge cases)
;;   which covers A packed by JavaScript (panel = 32·kc, row = 8, step = 32), A copied as it is
;;   stored (row-major: panel = 32·lda, row = 8·lda, step = 8) and a transposed A (panel = 32,
;;   row = 8, step = 8·lda);
;;   PB holds np panels of 4 columns of B: PB[q*kc*4 + p*4 + j]  = B(p, 4q + j)
;;   C  is (4·mp) x (4·np), row-major:     C[(4s + r)*(4·np) + 4q + j]
;; (JavaScript packs B, pads its edge with zeros and copies the valid corner of C out). Offsets
;; are in bytes. Splitting [0, mp) into ranges of s lets several threads share one block: each
;; entry of C is computed by exactly one of them, in the same order, so the thread count never
;; changes a result.
;;
;; The micro-kernel keeps a 4x4 tile of C in eight f64x2 registers; each step over p loads one row
;; of the B panel (two vectors), broadcasts each of the four A values of the step and does eight
;; vector multiplies and eight vector adds. Every entry is the sum over p, in order and from +0, of
;; separately rounded products — exactly what the scalar JavaScript kernel computes, so both
;; kernels give bit-identical results (WebAssembly has no implicit fused multiply-add).
;;
;; The memory is imported: 208 pages = 13 MiB (see wasm-layout.ts). scripts/wasm-build.ts compiles
;; this file with the memory as written and with `shared` (for threads), each as written, with
;; fused multiply-adds (relaxed SIMD) and in float32 (every f64x2 as f32x4: a 4 x 8 tile in the
;; same bytes — B panels of 8 floats, A values splat from 4 bytes).
;; Regenerate the embedded bytes after editing: pnpm --filter @backprop/linalg build:wasm
(module
  (import "env" "memory" (memory 208 208))
  (func (export "block")
    (param $s0 i32) (param $s1 i32) (param $np i32) (param $kc i32)
    (param $a i32) (param $apanel i32) (param $arow i32) (param $astep i32) (param $mc i32)
    (param $pb i32) (param $c i32)
    (local $s i32) (local $q i32) (local $bp i32) (local $bend i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32)
    (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local $bpanel i32) (local $ldc i32) (local $cp i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128) (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $v v128)
    ;; Bytes per B panel (kc steps of 4 doubles) and per row of C (4·np doubles).
    (local.set $bpanel (i32.shl (local.get $kc) (i32.const 5)))
    (local.set $ldc (i32.shl (local.get $np) (i32.const 5)))
    (if (i32.eqz (local.get $kc)) (then (return)))
    (local.set $s (local.get $s0))
    (block $rows_done (loop $rows
      (br_if $rows_done (i32.ge_u (local.get $s) (local.get $s1)))
      ;; The four rows of this panel (a row past the edge reads row 4s; its results are dropped).
      (local.set $r0 (i32.add (local.get $a) (i32.mul (local.get $s) (local.get $apanel))))
      (local.set $r1 (select (i32.add (local.get $r0) (local.get $arow)) (local.get $r0)
        (i32.lt_u (i32.add (i32.shl (local.get $s) (i32.const 2)) (i32.const 1)) (local.get $mc))))
      (local.set $r2 (select (i32.add (local.get $r0) (i32.shl (local.get $arow) (i32.const 1))) (local.get $r0)
        (i32.lt_u (i32.add (i32.shl (local.get $s) (i32.const 2)) (i32.const 2)) (local.get $mc))))
      (local.set $r3 (select (i32.add (local.get $r0) (i32.mul (local.get $arow) (i32.const 3))) (local.get $r0)
        (i32.lt_u (i32.add (i32.shl (local.get $s) (i32.const 2)) (i32.const 3)) (local.get $mc))))
      (local.set $q (i32.const 0))
      (block $cols_done (loop $cols
        (br_if $cols_done (i32.ge_u (local.get $q) (local.get $np)))
        (local.set $a0 (local.get $r0))
        (local.set $a1 (local.get $r1))
        (local.set $a2 (local.get $r2))
        (local.set $a3 (local.get $r3))
        (local.set $bp (i32.add (local.get $pb) (i32.mul (local.get $q) (local.get $bpanel))))
        (local.set $bend (i32.add (local.get $bp) (local.get $bpanel)))
        (local.set $c00 (v128.const f64x2 0 0))
        (local.set $c01 (v128.const f64x2 0 0))
        (local.set $c10 (v128.const f64x2 0 0))
        (local.set $c11 (v128.const f64x2 0 0))
        (local.set $c20 (v128.const f64x2 0 0))
        (local.set $c21 (v128.const f64x2 0 0))
        (local.set $c30 (v128.const f64x2 0 0))
        (local.set $c31 (v128.const f64x2 0 0))
        (loop $steps
          (local.set $b0 (v128.load (local.get $bp)))
          (local.set $b1 (v128.load offset=16 (local.get $bp)))
          (local.set $v (v128.load64_splat (local.get $a0)))
          (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $v) (local.get $b0))))
          (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $v) (local.get $b1))))
          (local.set $v (v128.load64_splat (local.get $a1)))
          (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $v) (local.get $b0))))
          (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $v) (local.get $b1))))
          (local.set $v (v128.load64_splat (local.get $a2)))
          (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $v) (local.get $b0))))
          (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $v) (local.get $b1))))
          (local.set $v (v128.load64_splat (local.get $a3)))
          (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $v) (local.get $b0))))
          (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $v) (local.get $b1))))
          (local.set $a0 (i32.add (local.get $a0) (local.get $astep)))
          (local.set $a1 (i32.add (local.get $a1) (local.get $astep)))
          (local.set $a2 (i32.add (local.get $a2) (local.get $astep)))
          (local.set $a3 (i32.add (local.get $a3) (local.get $astep)))
          (local.set $bp (i32.add (local.get $bp) (i32.const 32)))
          (br_if $steps (i32.lt_u (local.get $bp) (local.get $bend))))
        ;; Store the tile at row 4s, column 4q of C.
        (local.set $cp
          (i32.add (local.get $c)
            (i32.add (i32.mul (i32.shl (local.get $s) (i32.const 2)) (local.get $ldc))
                     (i32.shl (local.get $q) (i32.const 5)))))
        (v128.store (local.get $cp) (local.get $c00))
        (v128.store offset=16 (local.get $cp) (local.get $c01))
        (local.set $cp (i32.add (local.get $cp) (local.get $ldc)))
        (v128.store (local.get $cp) (local.get $c10))
        (v128.store offset=16 (local.get $cp) (local.get $c11))
        (local.set $cp (i32.add (local.get $cp) (local.get $ldc)))
        (v128.store (local.get $cp) (local.get $c20))
        (v128.store offset=16 (local.get $cp) (local.get $c21))
        (local.set $cp (i32.add (local.get $cp) (local.get $ldc)))
        (v128.store (local.get $cp) (local.get $c30))
        (v128.store offset=16 (local.get $cp) (local.get $c31))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $cols)))
      (local.set $s (i32.add (local.get $s) (i32.const 1)))
      (br $rows))))
)
