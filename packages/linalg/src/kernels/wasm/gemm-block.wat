;; gemm-block.wat — the WebAssembly SIMD kernel behind matmul, matmulTransA and matmulTransB.
;;
;; One exported function computes a whole packed block, C = PA · PB, where
;;   PA holds mp panels of 4 rows of A:    PA[s*kc*4 + p*4 + r]  = A(4s + r, p)
;;   PB holds np panels of 4 columns of B: PB[q*kc*4 + p*4 + j]  = B(p, 4q + j)
;;   C  is (4·mp) x (4·np), row-major:     C[(4s + r)*(4·np) + 4q + j]
;; (the same packed layout as the JavaScript kernel; JavaScript packs, pads edges with zeros and
;; copies the valid corner of C out, so this code has no edge cases). Offsets are in bytes.
;;
;; The micro-kernel keeps a 4x4 tile of C in eight f64x2 registers; each step over p loads one row
;; of the B panel (two vectors), broadcasts each of the four A values of the step and does eight
;; vector multiplies and eight vector adds. Every entry is the sum over p, in order and from +0, of
;; separately rounded products — exactly what the scalar JavaScript kernel computes, so both
;; kernels give bit-identical results (WebAssembly has no implicit fused multiply-add).
;;
;; Regenerate the embedded bytes after editing: pnpm --filter @backprop/linalg build:wasm
(module
  ;; 80 pages = 5 MiB: packed A (384 x 512 doubles), packed B (512 x 512) and C (384 x 512).
  (memory (export "memory") 80)
  (func (export "block")
    (param $mp i32) (param $np i32) (param $kc i32) (param $pa i32) (param $pb i32) (param $c i32)
    (local $s i32) (local $q i32) (local $ap i32) (local $bp i32) (local $end i32)
    (local $panel i32) (local $ldc i32) (local $cp i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128) (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $a v128)
    ;; Bytes per panel (kc steps of 4 doubles) and per row of C (4·np doubles).
    (local.set $panel (i32.shl (local.get $kc) (i32.const 5)))
    (local.set $ldc (i32.shl (local.get $np) (i32.const 5)))
    (if (i32.eqz (local.get $kc)) (then (return)))
    (block $rows_done (loop $rows
      (br_if $rows_done (i32.ge_u (local.get $s) (local.get $mp)))
      (local.set $q (i32.const 0))
      (block $cols_done (loop $cols
        (br_if $cols_done (i32.ge_u (local.get $q) (local.get $np)))
        (local.set $ap (i32.add (local.get $pa) (i32.mul (local.get $s) (local.get $panel))))
        (local.set $bp (i32.add (local.get $pb) (i32.mul (local.get $q) (local.get $panel))))
        (local.set $end (i32.add (local.get $ap) (local.get $panel)))
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
          (local.set $a (v128.load64_splat offset=0 (local.get $ap)))
          (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $a) (local.get $b0))))
          (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $a) (local.get $b1))))
          (local.set $a (v128.load64_splat offset=8 (local.get $ap)))
          (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $a) (local.get $b0))))
          (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $a) (local.get $b1))))
          (local.set $a (v128.load64_splat offset=16 (local.get $ap)))
          (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $a) (local.get $b0))))
          (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $a) (local.get $b1))))
          (local.set $a (v128.load64_splat offset=24 (local.get $ap)))
          (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $a) (local.get $b0))))
          (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $a) (local.get $b1))))
          (local.set $ap (i32.add (local.get $ap) (i32.const 32)))
          (local.set $bp (i32.add (local.get $bp) (i32.const 32)))
          (br_if $steps (i32.lt_u (local.get $ap) (local.get $end))))
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
