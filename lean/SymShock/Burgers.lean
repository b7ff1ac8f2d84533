/-
Copyright (c) 2026 symshock contributors. All rights reserved.
Released under Apache 2.0 license.
-/
import Mathlib.Analysis.Calculus.FDeriv.Symmetric
import Mathlib.Analysis.Calculus.Deriv.Comp
import Mathlib.Analysis.Calculus.Deriv.Prod
import Mathlib.Analysis.Calculus.Deriv.Mul
import Mathlib.Analysis.Calculus.Deriv.Inv
import Mathlib.Analysis.SpecialFunctions.ExpDeriv

/-!
# From viscous Hamilton–Jacobi to viscous Burgers (1-D), and exact solutions

This file mirrors `proofs/Burgers.v` (ids `burgers.reduction` and `burgers.exact`,
THEORY.md section B).

## Main statements

* `SymShock.burgers_reduction`: if `u(t, x)` (written `F (t, x)`) has a Fréchet derivative `F'`
  everywhere, `F'` has a derivative `F''` at `(t, x)`, and `u` solves
  `u_t + u_x² / 2 = ν u_xx` on the slice `t`, then `p = ∂ₓu` solves `p_t + p p_x = ν p_xx`
  at `(t, x)`. The mixed partials are swapped with `second_derivative_symmetric`.
* `SymShock.burgers_exact`: the linear profile `p = a x / (1 + a t)`, where `1 + a t ≠ 0`.
* `SymShock.burgers_exact_travelling`: the travelling viscous shock
  `p = s − (J/2) tanh(J (x − s t) / (4ν))`, with `tanh` written through `exp` (`tanhE`).

## Implementation notes

`burgers_reduction` differs in form from the Coq theorem: Coq states the regularity through
Coquelicot's `Derive`/`ex_derive` and Schwarz's hypotheses (existence of the partials near the
point and continuity of both mixed partials at it), whereas here the regularity is a Fréchet
derivative `F'` on the whole plane that is itself differentiable at `(t, x)`, the hypothesis of
`second_derivative_symmetric`. The equation and the conclusion are the same. The exact solutions
are stated exactly as in Coq.

## Riskiest steps (none elaborated here; why we expect each to elaborate)

* `burgers_reduction`: `simpa using h` after `clm_apply` relies on `simp` evaluating
  `(F'' (1, 0)) (0, 1)`-style applications of `ContinuousLinearMap`s; reviewed, not changed.
* The `burgers_reduction` example: `hasDerivAt_const y _` against
  `fun z => (fun _ => L) (t, z) (0, 1)`: the unifier beta-reduces the body to `L (0, 1)`, which
  does not mention `z`, before assigning the constant.
* `burgers_exact`, `hasDerivAt_tanhE`, `burgers_exact_travelling`: `field_simp <;> ring` with
  the `≠ 0` facts (`ha`, `hne`, `hν0`) in context.

## References

* L. C. Evans, *Partial Differential Equations*, §3.3–3.4; G. B. Whitham,
  *Linear and Nonlinear Waves*, ch. 4.
-/

namespace SymShock

/-! ### Reduction -/

/-- **burgers.reduction** (1-D). If `u = F` has Fréchet derivative `F' q` at every point `q`,
`F'` has derivative `F''` at `(t, x)`, `u_xx = uxx` on the slice `t` with `u_xxx = uxxx` at `x`,
and `u_t + u_x²/2 = ν u_xx` on the slice `t`, then `p = u_x` satisfies
`p_t + p p_x = ν p_xx` at `(t, x)` (with `p_x = uxx x`, `p_xx = uxxx`). -/
theorem burgers_reduction (ν t x uxxx : ℝ) (F : ℝ × ℝ → ℝ) (F' : ℝ × ℝ → ℝ × ℝ →L[ℝ] ℝ)
    (F'' : ℝ × ℝ →L[ℝ] ℝ × ℝ →L[ℝ] ℝ) (uxx : ℝ → ℝ)
    (hF : ∀ q, HasFDerivAt F (F' q) q) (hF' : HasFDerivAt F' F'' (t, x))
    (hxx : ∀ y, HasDerivAt (fun z => F' (t, z) (0, 1)) (uxx y) y)
    (hxxx : HasDerivAt uxx uxxx x)
    (hhj : ∀ y, F' (t, y) (1, 0) + F' (t, y) (0, 1) ^ 2 / 2 = ν * uxx y) :
    (∀ s y, HasDerivAt (fun r => F (r, y)) (F' (s, y) (1, 0)) s ∧
      HasDerivAt (fun z => F (s, z)) (F' (s, y) (0, 1)) y) ∧
    ∃ pt, HasDerivAt (fun s => F' (s, x) (0, 1)) pt t ∧
      pt + F' (t, x) (0, 1) * uxx x = ν * uxxx := by
  -- the two coordinate lines through a point
  have line_t : ∀ s y : ℝ, HasDerivAt (fun r : ℝ => (r, y)) ((1 : ℝ), (0 : ℝ)) s :=
    fun s y => (hasDerivAt_id' s).prodMk (hasDerivAt_const s y)
  have line_x : ∀ s y : ℝ, HasDerivAt (fun z : ℝ => (s, z)) ((0 : ℝ), (1 : ℝ)) y :=
    fun s y => (hasDerivAt_const y s).prodMk (hasDerivAt_id' y)
  refine ⟨fun s y => ⟨(hF (s, y)).comp_hasDerivAt s (line_t s y),
    (hF (s, y)).comp_hasDerivAt y (line_x s y)⟩, F'' (1, 0) (0, 1), ?_, ?_⟩
  · -- `p_t = F'' (1,0) (0,1)`
    have h := (hF'.comp_hasDerivAt t (line_t t x)).clm_apply (hasDerivAt_const t ((0 : ℝ), (1 : ℝ)))
    simpa using h
  · -- differentiate the HJ equation in `x` along the slice `t`
    have hA : HasDerivAt (fun y => F' (t, y) (1, 0)) (F'' (0, 1) (1, 0)) x := by
      have h := (hF'.comp_hasDerivAt x (line_x t x)).clm_apply
        (hasDerivAt_const x ((1 : ℝ), (0 : ℝ)))
      simpa using h
    have hsq : HasDerivAt (fun y => F' (t, y) (0, 1) ^ 2 / 2) (F' (t, x) (0, 1) * uxx x) x := by
      have h := ((hxx x).mul (hxx x)).div_const 2
      have e : (fun y => F' (t, y) (0, 1) ^ 2 / 2) =
          fun y => F' (t, y) (0, 1) * F' (t, y) (0, 1) / 2 := by
        funext y; ring
      rw [e]
      exact h.congr_deriv (by ring)
    have hL := hA.add hsq
    have hR : HasDerivAt (fun y => F' (t, y) (1, 0) + F' (t, y) (0, 1) ^ 2 / 2) (ν * uxxx) x := by
      have e : (fun y => F' (t, y) (1, 0) + F' (t, y) (0, 1) ^ 2 / 2) = fun y => ν * uxx y := by
        funext y; exact hhj y
      rw [e]
      exact hxxx.const_mul ν
    -- swap the mixed partials: `u_xt = u_tx`
    rw [second_derivative_symmetric hF hF' (1, 0) (0, 1)]
    exact hL.unique hR

/-- Non-vacuity of `burgers_reduction`: the affine HJ solution `u = c x − c² t / 2`. -/
example (ν c t x : ℝ) :
    let L : ℝ × ℝ →L[ℝ] ℝ :=
      (-(c ^ 2) / 2) • ContinuousLinearMap.fst ℝ ℝ ℝ + c • ContinuousLinearMap.snd ℝ ℝ ℝ
    ∃ pt, HasDerivAt (fun _ : ℝ => L (0, 1)) pt t ∧ pt + L (0, 1) * 0 = ν * 0 := by
  intro L
  exact (burgers_reduction ν t x 0 (fun q => L q) (fun _ => L) 0 (fun _ => 0)
    (fun q => L.hasFDerivAt) (hasFDerivAt_const L (t, x))
    (fun y => hasDerivAt_const y _) (hasDerivAt_const x 0)
    (fun y => by simp [L] <;> ring)).2

/-! ### Exact solutions -/

/-- **burgers.exact** (linear profile). `p = a x / (1 + a t)` solves `p_t + p p_x = ν p_xx`
wherever `1 + a t ≠ 0`, for every `ν`. -/
theorem burgers_exact (ν a t x : ℝ) (ha : 1 + a * t ≠ 0) :
    ∃ (pt : ℝ) (px : ℝ → ℝ) (pxx : ℝ),
      HasDerivAt (fun s => a * x / (1 + a * s)) pt t ∧
      (∀ y, HasDerivAt (fun z => a * z / (1 + a * t)) (px y) y) ∧
      HasDerivAt px pxx x ∧
      pt + a * x / (1 + a * t) * px x = ν * pxx := by
  refine ⟨-(a ^ 2 * x) / (1 + a * t) ^ 2, fun _ => a / (1 + a * t), 0, ?_, ?_, ?_, ?_⟩
  · have h := (hasDerivAt_const t (a * x)).div (((hasDerivAt_id' t).const_mul a).const_add 1) ha
    exact h.congr_deriv (by ring)
  · intro y
    have h := ((hasDerivAt_id' y).const_mul a).div_const (1 + a * t)
    exact h.congr_deriv (by ring)
  · exact hasDerivAt_const x _
  · field_simp <;> ring

/-- Non-vacuity of `burgers_exact`: `a = -1` at `t = 1/2`, before the blow-up time `1`. -/
example (ν x : ℝ) :
    ∃ (pt : ℝ) (px : ℝ → ℝ) (pxx : ℝ),
      HasDerivAt (fun s => -1 * x / (1 + -1 * s)) pt (1 / 2) ∧
      (∀ y, HasDerivAt (fun z => -1 * z / (1 + -1 * (1 / 2))) (px y) y) ∧
      HasDerivAt px pxx x ∧
      pt + -1 * x / (1 + -1 * (1 / 2)) * px x = ν * pxx :=
  burgers_exact ν (-1) (1 / 2) x (by norm_num)

/-- The hyperbolic tangent written with `exp`, as in the Coq twin. -/
noncomputable def tanhE (z : ℝ) : ℝ :=
  (Real.exp z - Real.exp (-z)) / (Real.exp z + Real.exp (-z))

/-- The denominator of `tanhE` never vanishes. -/
theorem exp_add_exp_neg_ne_zero (z : ℝ) : Real.exp z + Real.exp (-z) ≠ 0 := by
  positivity

/-- `tanhE' = 1 − tanhE²`. -/
theorem hasDerivAt_tanhE (z : ℝ) : HasDerivAt tanhE (1 - tanhE z ^ 2) z := by
  have hne := exp_add_exp_neg_ne_zero z
  have h1 := (hasDerivAt_id' z).exp
  have h2 := (hasDerivAt_id' z).neg.exp
  have h := (h1.sub h2).div (h1.add h2) hne
  have e : tanhE z = (Real.exp z - Real.exp (-z)) / (Real.exp z + Real.exp (-z)) := rfl
  exact h.congr_deriv (by rw [e]; field_simp <;> ring)

/-- **burgers.exact** (travelling viscous shock). `p = s − (J/2) tanh(J (x − s t) / (4ν))`
solves `p_t + p p_x = ν p_xx` for `ν > 0`; it joins `s + J/2` to `s − J/2` and moves with
speed `s`. -/
theorem burgers_exact_travelling (ν s J t x : ℝ) (hν : 0 < ν) :
    ∃ (pt : ℝ) (px : ℝ → ℝ) (pxx : ℝ),
      HasDerivAt (fun r => s - J / 2 * tanhE (J * (x - s * r) / (4 * ν))) pt t ∧
      (∀ y, HasDerivAt (fun z => s - J / 2 * tanhE (J * (z - s * t) / (4 * ν))) (px y) y) ∧
      HasDerivAt px pxx x ∧
      pt + (s - J / 2 * tanhE (J * (x - s * t) / (4 * ν))) * px x = ν * pxx := by
  have hν0 : ν ≠ 0 := hν.ne'
  -- the phase in `t` and in `x`
  have hgt : HasDerivAt (fun r => J * (x - s * r) / (4 * ν)) (J * -(s * 1) / (4 * ν)) t :=
    ((((hasDerivAt_id' t).const_mul s).const_sub x).const_mul J).div_const (4 * ν)
  have hgx : ∀ y, HasDerivAt (fun z => J * (z - s * t) / (4 * ν)) (J * 1 / (4 * ν)) y :=
    fun y => (((hasDerivAt_id' y).sub_const (s * t)).const_mul J).div_const (4 * ν)
  -- `T' = (1 − T²) k` along the slice, with `k = J / (4ν)`
  have hT : HasDerivAt (fun z => tanhE (J * (z - s * t) / (4 * ν)))
      ((1 - tanhE (J * (x - s * t) / (4 * ν)) ^ 2) * (J * 1 / (4 * ν))) x :=
    (hasDerivAt_tanhE _).comp x (hgx x)
  refine ⟨J / 2 * (J / (4 * ν)) * s * (1 - tanhE (J * (x - s * t) / (4 * ν)) ^ 2),
    fun y => -(J / 2) * (J / (4 * ν)) * (1 - tanhE (J * (y - s * t) / (4 * ν)) ^ 2),
    J * (J / (4 * ν)) ^ 2 * tanhE (J * (x - s * t) / (4 * ν)) *
      (1 - tanhE (J * (x - s * t) / (4 * ν)) ^ 2), ?_, ?_, ?_, ?_⟩
  · have h := (((hasDerivAt_tanhE _).comp t hgt).const_mul (J / 2)).const_sub s
    exact h.congr_deriv (by ring)
  · intro y
    have h := (((hasDerivAt_tanhE _).comp y (hgx y)).const_mul (J / 2)).const_sub s
    exact h.congr_deriv (by ring)
  · have h := ((hT.mul hT).const_sub 1).const_mul (-(J / 2) * (J / (4 * ν)))
    have e : (fun y => -(J / 2) * (J / (4 * ν)) * (1 - tanhE (J * (y - s * t) / (4 * ν)) ^ 2)) =
        fun y => -(J / 2) * (J / (4 * ν)) *
          (1 - tanhE (J * (y - s * t) / (4 * ν)) * tanhE (J * (y - s * t) / (4 * ν))) := by
      funext y; ring
    rw [e]
    exact h.congr_deriv (by ring)
  · field_simp <;> ring

/-- Non-vacuity of `burgers_exact_travelling`: `ν = 1/10`, `J = 2`, standing shock `s = 0`. -/
example (t x : ℝ) :
    ∃ (pt : ℝ) (px : ℝ → ℝ) (pxx : ℝ),
      HasDerivAt (fun r => 0 - 2 / 2 * tanhE (2 * (x - 0 * r) / (4 * (1 / 10)))) pt t ∧
      (∀ y, HasDerivAt (fun z => 0 - 2 / 2 * tanhE (2 * (z - 0 * t) / (4 * (1 / 10)))) (px y) y) ∧
      HasDerivAt px pxx x ∧
      pt + (0 - 2 / 2 * tanhE (2 * (x - 0 * t) / (4 * (1 / 10)))) * px x = 1 / 10 * pxx :=
  burgers_exact_travelling (1 / 10) 0 2 t x (by norm_num)

end SymShock
