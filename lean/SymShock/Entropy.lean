/-
Copyright (c) 2026 symshock contributors. All rights reserved.
Released under Apache 2.0 license.
-/
import Mathlib.Analysis.Calculus.Deriv.Inv
import Mathlib.Analysis.SpecialFunctions.Log.Deriv
import Mathlib.Analysis.SpecialFunctions.ExpDeriv

/-!
# Cole–Hopf: the heat equation gives viscous Hamilton–Jacobi (1-D)

This file mirrors `proofs/Entropy.v` (id `entropy.cole_hopf`, THEORY.md section H).

## Main statements

* `SymShock.entropy_cole_hopf`: if `w(t, ·) > 0` on the slice `t`, the partial derivatives
  `w_t` (at `(t, x)`), `w_x` (on the slice) and `w_xx` (at `x`) are given by `HasDerivAt`
  hypotheses, and `w_t = ν w_xx`, then `u = -2ν log w` has partial derivatives `u_t`, `u_x`,
  `u_xx` (derived by the chain and quotient rules) with `u_t + u_x² / 2 = ν u_xx`.

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

end SymShock
