/-
Copyright (c) 2026 symshock contributors. All rights reserved.
Released under Apache 2.0 license.
-/
import Mathlib.Analysis.Calculus.Deriv.Inv
import Mathlib.Analysis.SpecialFunctions.Log.Deriv
import Mathlib.Analysis.SpecialFunctions.ExpDeriv
import Mathlib.Analysis.Calculus.LocalExtr.Basic

/-!
# Cole–Hopf: the heat equation gives viscous Hamilton–Jacobi (1-D)

This file mirrors `proofs/Entropy.v` (id `entropy.cole_hopf`, THEORY.md section H).

## Main statements

* `SymShock.entropy_cole_hopf`: if `w(t, ·) > 0` on the slice `t`, the partial derivatives
  `w_t` (at `(t, x)`), `w_x` (on the slice) and `w_xx` (at `x`) are given by `HasDerivAt`
  hypotheses, and `w_t = ν w_xx`, then `u = -2ν log w` has partial derivatives `u_t`, `u_x`,
  `u_xx` (derived by the chain and quotient rules) with `u_t + u_x² / 2 = ν u_xx`.

* `SymShock.entropy_viscous_hj` (1-D, quadratic loss only): for `L = a x²/2` and `1 + a t > 0`,
  `u = a x² / (2 (1 + a t)) + ν log (1 + a t)` starts from `L` and solves
  `u_t + u_x²/2 = ν u_xx`.
* `SymShock.entropy_hopf_lax` (first-order condition only): a minimizer `y₀` of
  `2t L(y) + (x − y)²` with `L` differentiable there satisfies `t L'(y₀) = x − y₀`.

## Implementation notes

The statement is the Coq statement word for word, with `is_derive f x l` read as
`HasDerivAt f l x`. The logarithm is only applied where `w > 0` (hypothesis `hpos`).
The converse direction and the `n`-dimensional identity are not formalized.

## References

* E. Hopf, *The partial differential equation u_t + u u_x = μ u_xx* (1950);
  J. D. Cole (1951); L. C. Evans, *Partial Differential Equations*, §4.4.
-/

namespace SymShock

/-- **entropy.cole_hopf** (1-D). If `w > 0` solves the heat equation `w_t = ν w_xx` at `(t, x)`,
then `u = -2ν log w` satisfies the viscous Hamilton–Jacobi equation `u_t + u_x²/2 = ν u_xx`
there; the partial derivatives of `u` are part of the conclusion. -/
theorem entropy_cole_hopf (ν t x wt wxx : ℝ) (w : ℝ → ℝ → ℝ) (wx : ℝ → ℝ)
    (hpos : ∀ y, 0 < w t y)
    (ht : HasDerivAt (fun s => w s x) wt t)
    (hx : ∀ y, HasDerivAt (fun z => w t z) (wx y) y)
    (hxx : HasDerivAt wx wxx x)
    (heat : wt = ν * wxx) :
    ∃ (ut : ℝ) (ux : ℝ → ℝ) (uxx : ℝ),
      HasDerivAt (fun s => -2 * ν * Real.log (w s x)) ut t ∧
      (∀ y, HasDerivAt (fun z => -2 * ν * Real.log (w t z)) (ux y) y) ∧
      HasDerivAt ux uxx x ∧
      ut + ux x ^ 2 / 2 = ν * uxx := by
  have hw : w t x ≠ 0 := (hpos x).ne'
  refine ⟨-2 * ν * (wt / w t x), fun y => -2 * ν * (wx y / w t y),
    -2 * ν * ((wxx * w t x - wx x * wx x) / w t x ^ 2), ?_, ?_, ?_, ?_⟩
  · exact (ht.log hw).const_mul (-2 * ν)
  · intro y
    exact ((hx y).log (hpos y).ne').const_mul (-2 * ν)
  · exact (hxx.div (hx x) hw).const_mul (-2 * ν)
  · rw [heat]
    field_simp <;> ring

/-- Non-vacuity of `entropy_cole_hopf`: `w(t, x) = exp(ν t + x)` is a positive solution of the
heat equation. -/
example (ν t x : ℝ) :
    ∃ (ut : ℝ) (ux : ℝ → ℝ) (uxx : ℝ),
      HasDerivAt (fun s => -2 * ν * Real.log (Real.exp (ν * s + x))) ut t ∧
      (∀ y, HasDerivAt (fun z => -2 * ν * Real.log (Real.exp (ν * t + z))) (ux y) y) ∧
      HasDerivAt ux uxx x ∧
      ut + ux x ^ 2 / 2 = ν * uxx :=
  entropy_cole_hopf ν t x (ν * Real.exp (ν * t + x)) (Real.exp (ν * t + x))
    (fun s y => Real.exp (ν * s + y)) (fun y => Real.exp (ν * t + y))
    (fun _ => Real.exp_pos _)
    (by convert (((hasDerivAt_id' t).const_mul ν).add_const x).exp using 1; ring)
    (fun y => by convert ((hasDerivAt_id' y).const_add (ν * t)).exp using 1; ring)
    (by convert ((hasDerivAt_id' x).const_add (ν * t)).exp using 1; ring)
    rfl

/-- **entropy.viscous_hj** (quadratic closed form, 1-D). For `L = a x² / 2` and `1 + a t > 0`,
`u(s, y) = a y² / (2 (1 + a s)) + ν log (1 + a s)` equals `L` at `s = 0` and satisfies
`u_t + u_x²/2 = ν u_xx` at `(t, x)`. -/
theorem entropy_viscous_hj (ν a t x : ℝ) (ht : 0 < 1 + a * t) :
    (∀ y, a * y ^ 2 / (2 * (1 + a * 0)) + ν * Real.log (1 + a * 0) = a * y ^ 2 / 2) ∧
    ∃ (ut : ℝ) (ux : ℝ → ℝ) (uxx : ℝ),
      HasDerivAt (fun s => a * x ^ 2 / (2 * (1 + a * s)) + ν * Real.log (1 + a * s)) ut t ∧
      (∀ y, HasDerivAt (fun z => a * z ^ 2 / (2 * (1 + a * t)) + ν * Real.log (1 + a * t))
        (ux y) y) ∧
      HasDerivAt ux uxx x ∧
      ut + ux x ^ 2 / 2 = ν * uxx := by
  refine ⟨fun y => by simp, ?_⟩
  have hD : 1 + a * t ≠ 0 := ht.ne'
  refine ⟨-(a ^ 2 * x ^ 2) / (2 * (1 + a * t) ^ 2) + ν * (a / (1 + a * t)),
    fun y => a * y / (1 + a * t), a / (1 + a * t), ?_, ?_, ?_, ?_⟩
  · have hs := ((hasDerivAt_id' t).const_mul a).const_add 1
    have h := ((hasDerivAt_const t (a * x ^ 2)).div (hs.const_mul 2)
      (mul_ne_zero two_ne_zero hD)).add ((hs.log hD).const_mul ν)
    exact h.congr_deriv (by field_simp <;> ring)
  · intro y
    have e : (fun z => a * z ^ 2 / (2 * (1 + a * t)) + ν * Real.log (1 + a * t)) =
        fun z => a * (z * z) / (2 * (1 + a * t)) + ν * Real.log (1 + a * t) := by
      funext z; ring
    rw [e]
    have h := ((((hasDerivAt_id' y).mul (hasDerivAt_id' y)).const_mul a).div_const
      (2 * (1 + a * t))).add_const (ν * Real.log (1 + a * t))
    exact h.congr_deriv (by field_simp <;> ring)
  · exact ((hasDerivAt_id' x).const_mul a).div_const (1 + a * t) |>.congr_deriv (by ring)
  · field_simp <;> ring

/-- Non-vacuity of `entropy_viscous_hj`: `a = 1` at `t = 0`. -/
example (ν x : ℝ) :=
  entropy_viscous_hj ν 1 0 x (by norm_num)

/-- **entropy.hopf_lax** (first-order condition). If `y₀` minimizes the Hopf–Lax functional
times `2t`, `Ψ(y) = 2t L(y) + (x − y)²`, and `L` has derivative `L₁ y₀` at `y₀`, then
`t L₁(y₀) = x − y₀`: the gradient `p = (x − y₀)/t` is `L'(y₀)`. -/
theorem entropy_hopf_lax (L L₁ : ℝ → ℝ) (t x y₀ : ℝ) (hL : HasDerivAt L (L₁ y₀) y₀)
    (hmin : ∀ y, 2 * t * L y₀ + (x - y₀) ^ 2 ≤ 2 * t * L y + (x - y) ^ 2) :
    t * L₁ y₀ = x - y₀ := by
  have hΨ := (hL.const_mul (2 * t)).add
    (((hasDerivAt_id' y₀).const_sub x).mul ((hasDerivAt_id' y₀).const_sub x))
  have hloc : IsLocalMin (fun y => 2 * t * L y + (x - y) * (x - y)) y₀ :=
    Filter.Eventually.of_forall fun y => by
      show 2 * t * L y₀ + (x - y₀) * (x - y₀) ≤ 2 * t * L y + (x - y) * (x - y)
      nlinarith [hmin y]
  have h0 := hloc.hasDerivAt_eq_zero hΨ
  linarith

/-- Non-vacuity of `entropy_hopf_lax`: `L(y) = y²/2`, `t = 1`, `x = 2`, minimizer `y₀ = 1`. -/
example : (1 : ℝ) * 1 = 2 - 1 :=
  entropy_hopf_lax (fun y => y * y / 2) (fun y => y) 1 2 1
    (((hasDerivAt_id' (1 : ℝ)).mul (hasDerivAt_id' 1)).div_const 2 |>.congr_deriv (by norm_num))
    (fun y => by
      show 2 * 1 * (1 * 1 / 2) + (2 - 1) ^ 2 ≤ 2 * 1 * (y * y / 2) + (2 - y) ^ 2
      nlinarith [sq_nonneg (y - 1)])

end SymShock
