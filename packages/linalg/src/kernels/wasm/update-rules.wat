;; update-rules.wat — the optimizers' update rules over arrays in this module's memory, two
;; entries per step in f64x2 lanes: exactly the arithmetic of @backprop/optim's JavaScript loops,
;; in their order, so the results are bit-identical to them (WebAssembly has no fused
;; multiply-add outside relaxed SIMD, and its +, −, ×, ÷ and √ are IEEE-754's, correctly rounded,
;; as JavaScript's are). Each rule has a float64 function (…64) and a float32 one (…32). The
;; float32 ones compute in float64 — each entry widened exactly, each stored value rounded to
;; nearest once, the unrounded value used further on — as JavaScript does on a Float32Array;
;; except Adam's, which computes in float32 (f32x4 lanes, four entries per step, every operation
;; rounded to float32, as PyTorch's float32 Adam does, and as optim's float32 loop writes out with
;; Math.fround): its square root and division per entry are most of a float32 model's update.
;; `n2` (`n4` for adam32) is the number of entry pairs (quadruples); arrays are padded to a
;; multiple of two entries (four for float32); the other i32 arguments are byte offsets of the
;; arrays, updated in place.
;;
;; Adam (Kingma & Ba 2015), and AdamW's decoupled decay λ:
;;   m′ = β₁·m + (1 − β₁)·g          v′ = β₂·v + ((1 − β₂)·g)·g
;;   d  = √(v′·c₂ + εin) + εout      p′ = p − η·((m′·c₁)/d + λ·p)
;; with c₁ = 1/(1 − β₁ᵗ), c₂ = 1/(1 − β₂ᵗ); ε inside the root (εin = ε, εout = 0) or outside it
;; (εin = 0, εout = ε) — the same bits as the JavaScript's two forms, since v′ ≥ 0 and ε > 0.
;;
;; RMSprop (Tieleman & Hinton 2012), ω = 1 − ρ:
;;   E′ = ρ·E + (ω·g)·g              p′ = p − (η·g)/(√E′ + ε)
;; and with momentum μ:               v′ = μ·v + (η·g)/(√E′ + ε);   p′ = p − v′
;; Adagrad (Duchi, Hazan & Singer 2011):
;;   G′ = G + g·g                     p′ = p − (η·g)/(√G′ + ε)
;; Adadelta (Zeiler 2012), ω = 1 − ρ:
;;   E′ = ρ·E + (ω·g)·g               Δ = (−√(D + ε) / √(E′ + ε))·g
;;   D′ = ρ·D + (ω·Δ)·Δ               p′ = p + η·Δ
;; SGD: p′ = p − η·g; with momentum (Sutskever et al. 2013) v′ = μ·v − η·g and p′ = p + v′;
;; Nesterov's form: v′ as momentum's, p′ = p + (μ·v′ − η·g).
(module
  (memory (export "memory") 1)

  (func (export "adam64")
    (param $n2 i32) (param $p i32) (param $g i32) (param $m i32) (param $v i32)
    (param $lr f64) (param $c1 f64) (param $c2 f64) (param $b1 f64) (param $b2 f64)
    (param $omb1 f64) (param $omb2 f64) (param $epsIn f64) (param $epsOut f64) (param $wd f64)
    (local $o i32) (local $end i32)
    (local $gi v128) (local $mi v128) (local $vi v128) (local $pi v128) (local $d v128)
    (local.set $end (i32.mul (local.get $n2) (i32.const 16)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $gi (v128.load (i32.add (local.get $g) (local.get $o))))
        (local.set $pi (v128.load (i32.add (local.get $p) (local.get $o))))
        (local.set $mi
          (f64x2.add
            (f64x2.mul (f64x2.splat (local.get $b1)) (v128.load (i32.add (local.get $m) (local.get $o))))
            (f64x2.mul (f64x2.splat (local.get $omb1)) (local.get $gi))))
        (local.set $vi
          (f64x2.add
            (f64x2.mul (f64x2.splat (local.get $b2)) (v128.load (i32.add (local.get $v) (local.get $o))))
            (f64x2.mul (f64x2.mul (f64x2.splat (local.get $omb2)) (local.get $gi)) (local.get $gi))))
        (v128.store (i32.add (local.get $m) (local.get $o)) (local.get $mi))
        (v128.store (i32.add (local.get $v) (local.get $o)) (local.get $vi))
        (local.set $d
          (f64x2.add
            (f64x2.sqrt
              (f64x2.add (f64x2.mul (local.get $vi) (f64x2.splat (local.get $c2))) (f64x2.splat (local.get $epsIn))))
            (f64x2.splat (local.get $epsOut))))
        (v128.store (i32.add (local.get $p) (local.get $o))
          (f64x2.sub (local.get $pi)
            (f64x2.mul (f64x2.splat (local.get $lr))
              (f64x2.add
                (f64x2.div (f64x2.mul (local.get $mi) (f64x2.splat (local.get $c1))) (local.get $d))
                (f64x2.mul (f64x2.splat (local.get $wd)) (local.get $pi))))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next))))

  (func (export "adam32")
    (param $n4 i32) (param $p i32) (param $g i32) (param $m i32) (param $v i32)
    (param $lr f32) (param $c1 f32) (param $c2 f32) (param $b1 f32) (param $b2 f32)
    (param $omb1 f32) (param $omb2 f32) (param $epsIn f32) (param $epsOut f32) (param $wd f32)
    (local $o i32) (local $end i32)
    (local $gi v128) (local $mi v128) (local $vi v128) (local $pi v128) (local $d v128)
    (local.set $end (i32.mul (local.get $n4) (i32.const 16)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $gi (v128.load (i32.add (local.get $g) (local.get $o))))
        (local.set $pi (v128.load (i32.add (local.get $p) (local.get $o))))
        (local.set $mi
          (f32x4.add
            (f32x4.mul (f32x4.splat (local.get $b1)) (v128.load (i32.add (local.get $m) (local.get $o))))
            (f32x4.mul (f32x4.splat (local.get $omb1)) (local.get $gi))))
        (local.set $vi
          (f32x4.add
            (f32x4.mul (f32x4.splat (local.get $b2)) (v128.load (i32.add (local.get $v) (local.get $o))))
            (f32x4.mul (f32x4.mul (f32x4.splat (local.get $omb2)) (local.get $gi)) (local.get $gi))))
        (v128.store (i32.add (local.get $m) (local.get $o)) (local.get $mi))
        (v128.store (i32.add (local.get $v) (local.get $o)) (local.get $vi))
        (local.set $d
          (f32x4.add
            (f32x4.sqrt
              (f32x4.add (f32x4.mul (local.get $vi) (f32x4.splat (local.get $c2))) (f32x4.splat (local.get $epsIn))))
            (f32x4.splat (local.get $epsOut))))
        (v128.store (i32.add (local.get $p) (local.get $o))
          (f32x4.sub (local.get $pi)
            (f32x4.mul (f32x4.splat (local.get $lr))
              (f32x4.add
                (f32x4.div (f32x4.mul (local.get $mi) (f32x4.splat (local.get $c1))) (local.get $d))
                (f32x4.mul (f32x4.splat (local.get $wd)) (local.get $pi))))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next))))

  (func (export "rmsprop64")
    (param $n2 i32) (param $p i32) (param $g i32) (param $ms i32)
    (param $lr f64) (param $rho f64) (param $omr f64) (param $eps f64)
    (local $o i32) (local $end i32) (local $gi v128) (local $e v128)
    (local.set $end (i32.mul (local.get $n2) (i32.const 16)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $gi (v128.load (i32.add (local.get $g) (local.get $o))))
        (local.set $e (f64x2.add (f64x2.mul (f64x2.splat (local.get $rho)) (v128.load (i32.add (local.get $ms) (local.get $o)))) (f64x2.mul (f64x2.mul (f64x2.splat (local.get $omr)) (local.get $gi)) (local.get $gi))))
        (v128.store (i32.add (local.get $ms) (local.get $o)) (local.get $e))
        (v128.store (i32.add (local.get $p) (local.get $o)) (f64x2.sub (v128.load (i32.add (local.get $p) (local.get $o))) (f64x2.div (f64x2.mul (f64x2.splat (local.get $lr)) (local.get $gi)) (f64x2.add (f64x2.sqrt (local.get $e)) (f64x2.splat (local.get $eps))))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next))))

  (func (export "rmsprop32")
    (param $n2 i32) (param $p i32) (param $g i32) (param $ms i32)
    (param $lr f64) (param $rho f64) (param $omr f64) (param $eps f64)
    (local $o i32) (local $end i32) (local $gi v128) (local $e v128)
    (local.set $end (i32.mul (local.get $n2) (i32.const 8)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $gi (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $g) (local.get $o)))))
        (local.set $e (f64x2.add (f64x2.mul (f64x2.splat (local.get $rho)) (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $ms) (local.get $o))))) (f64x2.mul (f64x2.mul (f64x2.splat (local.get $omr)) (local.get $gi)) (local.get $gi))))
        (v128.store64_lane 0 (i32.add (local.get $ms) (local.get $o)) (f32x4.demote_f64x2_zero (local.get $e)))
        (v128.store64_lane 0 (i32.add (local.get $p) (local.get $o)) (f32x4.demote_f64x2_zero (f64x2.sub (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $p) (local.get $o)))) (f64x2.div (f64x2.mul (f64x2.splat (local.get $lr)) (local.get $gi)) (f64x2.add (f64x2.sqrt (local.get $e)) (f64x2.splat (local.get $eps)))))))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (br $next))))

  (func (export "rmspropMomentum64")
    (param $n2 i32) (param $p i32) (param $g i32) (param $ms i32) (param $v i32)
    (param $lr f64) (param $rho f64) (param $omr f64) (param $eps f64) (param $mu f64)
    (local $o i32) (local $end i32) (local $gi v128) (local $e v128) (local $vi v128)
    (local.set $end (i32.mul (local.get $n2) (i32.const 16)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $gi (v128.load (i32.add (local.get $g) (local.get $o))))
        (local.set $e (f64x2.add (f64x2.mul (f64x2.splat (local.get $rho)) (v128.load (i32.add (local.get $ms) (local.get $o)))) (f64x2.mul (f64x2.mul (f64x2.splat (local.get $omr)) (local.get $gi)) (local.get $gi))))
        (v128.store (i32.add (local.get $ms) (local.get $o)) (local.get $e))
        (local.set $vi (f64x2.add (f64x2.mul (f64x2.splat (local.get $mu)) (v128.load (i32.add (local.get $v) (local.get $o)))) (f64x2.div (f64x2.mul (f64x2.splat (local.get $lr)) (local.get $gi)) (f64x2.add (f64x2.sqrt (local.get $e)) (f64x2.splat (local.get $eps))))))
        (v128.store (i32.add (local.get $v) (local.get $o)) (local.get $vi))
        (v128.store (i32.add (local.get $p) (local.get $o)) (f64x2.sub (v128.load (i32.add (local.get $p) (local.get $o))) (local.get $vi)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next))))

  (func (export "rmspropMomentum32")
    (param $n2 i32) (param $p i32) (param $g i32) (param $ms i32) (param $v i32)
    (param $lr f64) (param $rho f64) (param $omr f64) (param $eps f64) (param $mu f64)
    (local $o i32) (local $end i32) (local $gi v128) (local $e v128) (local $vi v128)
    (local.set $end (i32.mul (local.get $n2) (i32.const 8)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $gi (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $g) (local.get $o)))))
        (local.set $e (f64x2.add (f64x2.mul (f64x2.splat (local.get $rho)) (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $ms) (local.get $o))))) (f64x2.mul (f64x2.mul (f64x2.splat (local.get $omr)) (local.get $gi)) (local.get $gi))))
        (v128.store64_lane 0 (i32.add (local.get $ms) (local.get $o)) (f32x4.demote_f64x2_zero (local.get $e)))
        (local.set $vi (f64x2.add (f64x2.mul (f64x2.splat (local.get $mu)) (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $v) (local.get $o))))) (f64x2.div (f64x2.mul (f64x2.splat (local.get $lr)) (local.get $gi)) (f64x2.add (f64x2.sqrt (local.get $e)) (f64x2.splat (local.get $eps))))))
        (v128.store64_lane 0 (i32.add (local.get $v) (local.get $o)) (f32x4.demote_f64x2_zero (local.get $vi)))
        (v128.store64_lane 0 (i32.add (local.get $p) (local.get $o)) (f32x4.demote_f64x2_zero (f64x2.sub (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $p) (local.get $o)))) (local.get $vi))))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (br $next))))

  (func (export "adagrad64")
    (param $n2 i32) (param $p i32) (param $g i32) (param $acc i32)
    (param $lr f64) (param $eps f64)
    (local $o i32) (local $end i32) (local $gi v128) (local $e v128)
    (local.set $end (i32.mul (local.get $n2) (i32.const 16)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $gi (v128.load (i32.add (local.get $g) (local.get $o))))
        (local.set $e (f64x2.add (v128.load (i32.add (local.get $acc) (local.get $o))) (f64x2.mul (local.get $gi) (local.get $gi))))
        (v128.store (i32.add (local.get $acc) (local.get $o)) (local.get $e))
        (v128.store (i32.add (local.get $p) (local.get $o)) (f64x2.sub (v128.load (i32.add (local.get $p) (local.get $o))) (f64x2.div (f64x2.mul (f64x2.splat (local.get $lr)) (local.get $gi)) (f64x2.add (f64x2.sqrt (local.get $e)) (f64x2.splat (local.get $eps))))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next))))

  (func (export "adagrad32")
    (param $n2 i32) (param $p i32) (param $g i32) (param $acc i32)
    (param $lr f64) (param $eps f64)
    (local $o i32) (local $end i32) (local $gi v128) (local $e v128)
    (local.set $end (i32.mul (local.get $n2) (i32.const 8)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $gi (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $g) (local.get $o)))))
        (local.set $e (f64x2.add (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $acc) (local.get $o)))) (f64x2.mul (local.get $gi) (local.get $gi))))
        (v128.store64_lane 0 (i32.add (local.get $acc) (local.get $o)) (f32x4.demote_f64x2_zero (local.get $e)))
        (v128.store64_lane 0 (i32.add (local.get $p) (local.get $o)) (f32x4.demote_f64x2_zero (f64x2.sub (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $p) (local.get $o)))) (f64x2.div (f64x2.mul (f64x2.splat (local.get $lr)) (local.get $gi)) (f64x2.add (f64x2.sqrt (local.get $e)) (f64x2.splat (local.get $eps)))))))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (br $next))))

  (func (export "adadelta64")
    (param $n2 i32) (param $p i32) (param $g i32) (param $eg i32) (param $sd i32)
    (param $lr f64) (param $rho f64) (param $omr f64) (param $eps f64)
    (local $o i32) (local $end i32) (local $gi v128) (local $e v128) (local $ed v128) (local $d v128)
    (local.set $end (i32.mul (local.get $n2) (i32.const 16)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $gi (v128.load (i32.add (local.get $g) (local.get $o))))
        (local.set $e (f64x2.add (f64x2.mul (f64x2.splat (local.get $rho)) (v128.load (i32.add (local.get $eg) (local.get $o)))) (f64x2.mul (f64x2.mul (f64x2.splat (local.get $omr)) (local.get $gi)) (local.get $gi))))
        (v128.store (i32.add (local.get $eg) (local.get $o)) (local.get $e))
        (local.set $ed (v128.load (i32.add (local.get $sd) (local.get $o))))
        (local.set $d (f64x2.mul (f64x2.div (f64x2.neg (f64x2.sqrt (f64x2.add (local.get $ed) (f64x2.splat (local.get $eps))))) (f64x2.sqrt (f64x2.add (local.get $e) (f64x2.splat (local.get $eps))))) (local.get $gi)))
        (v128.store (i32.add (local.get $sd) (local.get $o)) (f64x2.add (f64x2.mul (f64x2.splat (local.get $rho)) (local.get $ed)) (f64x2.mul (f64x2.mul (f64x2.splat (local.get $omr)) (local.get $d)) (local.get $d))))
        (v128.store (i32.add (local.get $p) (local.get $o)) (f64x2.add (v128.load (i32.add (local.get $p) (local.get $o))) (f64x2.mul (f64x2.splat (local.get $lr)) (local.get $d))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next))))

  (func (export "adadelta32")
    (param $n2 i32) (param $p i32) (param $g i32) (param $eg i32) (param $sd i32)
    (param $lr f64) (param $rho f64) (param $omr f64) (param $eps f64)
    (local $o i32) (local $end i32) (local $gi v128) (local $e v128) (local $ed v128) (local $d v128)
    (local.set $end (i32.mul (local.get $n2) (i32.const 8)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $gi (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $g) (local.get $o)))))
        (local.set $e (f64x2.add (f64x2.mul (f64x2.splat (local.get $rho)) (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $eg) (local.get $o))))) (f64x2.mul (f64x2.mul (f64x2.splat (local.get $omr)) (local.get $gi)) (local.get $gi))))
        (v128.store64_lane 0 (i32.add (local.get $eg) (local.get $o)) (f32x4.demote_f64x2_zero (local.get $e)))
        (local.set $ed (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $sd) (local.get $o)))))
        (local.set $d (f64x2.mul (f64x2.div (f64x2.neg (f64x2.sqrt (f64x2.add (local.get $ed) (f64x2.splat (local.get $eps))))) (f64x2.sqrt (f64x2.add (local.get $e) (f64x2.splat (local.get $eps))))) (local.get $gi)))
        (v128.store64_lane 0 (i32.add (local.get $sd) (local.get $o)) (f32x4.demote_f64x2_zero (f64x2.add (f64x2.mul (f64x2.splat (local.get $rho)) (local.get $ed)) (f64x2.mul (f64x2.mul (f64x2.splat (local.get $omr)) (local.get $d)) (local.get $d)))))
        (v128.store64_lane 0 (i32.add (local.get $p) (local.get $o)) (f32x4.demote_f64x2_zero (f64x2.add (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $p) (local.get $o)))) (f64x2.mul (f64x2.splat (local.get $lr)) (local.get $d)))))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (br $next))))

  (func (export "sgd64")
    (param $n2 i32) (param $p i32) (param $g i32)
    (param $lr f64)
    (local $o i32) (local $end i32)
    (local.set $end (i32.mul (local.get $n2) (i32.const 16)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (v128.store (i32.add (local.get $p) (local.get $o)) (f64x2.sub (v128.load (i32.add (local.get $p) (local.get $o))) (f64x2.mul (f64x2.splat (local.get $lr)) (v128.load (i32.add (local.get $g) (local.get $o))))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next))))

  (func (export "sgd32")
    (param $n2 i32) (param $p i32) (param $g i32)
    (param $lr f64)
    (local $o i32) (local $end i32)
    (local.set $end (i32.mul (local.get $n2) (i32.const 8)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (v128.store64_lane 0 (i32.add (local.get $p) (local.get $o)) (f32x4.demote_f64x2_zero (f64x2.sub (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $p) (local.get $o)))) (f64x2.mul (f64x2.splat (local.get $lr)) (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $g) (local.get $o))))))))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (br $next))))

  (func (export "momentum64")
    (param $n2 i32) (param $p i32) (param $g i32) (param $v i32)
    (param $lr f64) (param $mu f64)
    (local $o i32) (local $end i32) (local $gi v128) (local $vi v128)
    (local.set $end (i32.mul (local.get $n2) (i32.const 16)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $gi (v128.load (i32.add (local.get $g) (local.get $o))))
        (local.set $vi (f64x2.sub (f64x2.mul (f64x2.splat (local.get $mu)) (v128.load (i32.add (local.get $v) (local.get $o)))) (f64x2.mul (f64x2.splat (local.get $lr)) (local.get $gi))))
        (v128.store (i32.add (local.get $v) (local.get $o)) (local.get $vi))
        (v128.store (i32.add (local.get $p) (local.get $o)) (f64x2.add (v128.load (i32.add (local.get $p) (local.get $o))) (local.get $vi)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next))))

  (func (export "momentum32")
    (param $n2 i32) (param $p i32) (param $g i32) (param $v i32)
    (param $lr f64) (param $mu f64)
    (local $o i32) (local $end i32) (local $gi v128) (local $vi v128)
    (local.set $end (i32.mul (local.get $n2) (i32.const 8)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $gi (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $g) (local.get $o)))))
        (local.set $vi (f64x2.sub (f64x2.mul (f64x2.splat (local.get $mu)) (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $v) (local.get $o))))) (f64x2.mul (f64x2.splat (local.get $lr)) (local.get $gi))))
        (v128.store64_lane 0 (i32.add (local.get $v) (local.get $o)) (f32x4.demote_f64x2_zero (local.get $vi)))
        (v128.store64_lane 0 (i32.add (local.get $p) (local.get $o)) (f32x4.demote_f64x2_zero (f64x2.add (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $p) (local.get $o)))) (local.get $vi))))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (br $next))))

  (func (export "nesterov64")
    (param $n2 i32) (param $p i32) (param $g i32) (param $v i32)
    (param $lr f64) (param $mu f64)
    (local $o i32) (local $end i32) (local $gi v128) (local $vi v128)
    (local.set $end (i32.mul (local.get $n2) (i32.const 16)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $gi (v128.load (i32.add (local.get $g) (local.get $o))))
        (local.set $vi (f64x2.sub (f64x2.mul (f64x2.splat (local.get $mu)) (v128.load (i32.add (local.get $v) (local.get $o)))) (f64x2.mul (f64x2.splat (local.get $lr)) (local.get $gi))))
        (v128.store (i32.add (local.get $v) (local.get $o)) (local.get $vi))
        (v128.store (i32.add (local.get $p) (local.get $o)) (f64x2.add (v128.load (i32.add (local.get $p) (local.get $o))) (f64x2.sub (f64x2.mul (f64x2.splat (local.get $mu)) (local.get $vi)) (f64x2.mul (f64x2.splat (local.get $lr)) (local.get $gi)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next))))

  (func (export "nesterov32")
    (param $n2 i32) (param $p i32) (param $g i32) (param $v i32)
    (param $lr f64) (param $mu f64)
    (local $o i32) (local $end i32) (local $gi v128) (local $vi v128)
    (local.set $end (i32.mul (local.get $n2) (i32.const 8)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $gi (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $g) (local.get $o)))))
        (local.set $vi (f64x2.sub (f64x2.mul (f64x2.splat (local.get $mu)) (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $v) (local.get $o))))) (f64x2.mul (f64x2.splat (local.get $lr)) (local.get $gi))))
        (v128.store64_lane 0 (i32.add (local.get $v) (local.get $o)) (f32x4.demote_f64x2_zero (local.get $vi)))
        (v128.store64_lane 0 (i32.add (local.get $p) (local.get $o)) (f32x4.demote_f64x2_zero (f64x2.add (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $p) (local.get $o)))) (f64x2.sub (f64x2.mul (f64x2.splat (local.get $mu)) (local.get $vi)) (f64x2.mul (f64x2.splat (local.get $lr)) (local.get $gi))))))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (br $next))))
)
