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
import Mathlib.Analysis.SpecialFunctions.Log.Deriv
import Mathlib.Analysis.Calculus.ContDiff.Basic

/-!
# From viscous Hamilton–Jacobi to viscous Burgers (1-D), and exact solutions

This file mirrors `proofs/Burgers.v` (ids `burgers.reduction` and `burgers.exact`,
THEORY.md section B).

## Main statements

* `SymShock.burgers_reduction`: if `u(t, x)` (written `F (t, x)`) has a Fréchet derivative `F'`
  near `(t, x)`, `F'` has a derivative `F''` at `(t, x)`, and `u` solves
  `u_t + u_x² / 2 = ν u_xx` on the slice `t`, then `p = ∂ₓu` solves `p_t + p p_x = ν p_xx`
  at `(t, x)`. The mixed partials are swapped with `second_derivative_symmetric_of_eventually`.
  Its example is the quadratic solution `quadHJ ν = y²/(2(1 + s)) + ν log(1 + s)`, where no term
  of either equation vanishes.
* `SymShock.burgers_exact`: the linear profile `p = a x / (1 + a t)`, where `1 + a t ≠ 0`.
* `SymShock.burgers_exact_travelling`: the travelling viscous shock
  `p = s − (J/2) tanh(J (x − s t) / (4ν))`, with `tanh` written through `exp` (`tanhE`).

## Implementation notes

`burgers_reduction` differs in form from the Coq theorem: Coq states the regularity through
Coquelicot's `Derive`/`ex_derive` and Schwarz's hypotheses (existence of the partials near the
point and continuity of both mixed partials at it), whereas here the regularity is a Fréchet
derivative `F'` near `(t, x)` that is itself differentiable at `(t, x)`, the hypothesis of
`second_derivative_symmetric_of_eventually`. Both are local, so the same witness serves: the
quadratic solution, defined only where `1 + s > 0`. The equation and the conclusion are the same.
The exact solutions are stated exactly as in Coq.

## Riskiest steps (none elaborated here; why we expect each to elaborate)

* `burgers_reduction`: `simpa using h` after `clm_apply` relies on `simp` evaluating
  `(F'' (1, 0)) (0, 1)`-style applications of `ContinuousLinearMap`s; reviewed, not changed.
* The `burgers_reduction` example takes `F' = fderiv ℝ u` and `F'' = fderiv ℝ F' (t, x)`, so no
  continuous-linear-map algebra is written by hand: `contDiffAt_quadHJ` builds `C²` with
  `ContDiffAt.add/mul/div/pow/log`; `differentiableAt` and `fderiv_right` take order side goals
  (`1 ≤ 2` or `2 ≠ 0`, `1 + 1 ≤ 2`, `1 ≤ 1` or `1 ≠ 0`), each closed by a `first | …` that covers
  the `ℕ∞` and `WithTop ℕ∞` forms and the later `n ≠ 0` form of `ContDiffAt.differentiableAt`.
  The values `F' (t, y) (1, 0)` and `F' (t, y) (0, 1)` are obtained by `HasDerivAt.unique`
  against one-variable derivatives; `h1.unique h2` compares `quadHJ ν ∘ fun z => (t, z)` with
  `fun z => quadHJ ν (t, z)` up to unfolding `Function.comp`, as the theorem itself does.
  Every `field_simp` is followed by `<;> ring` with `1 + t ≠ 0` in context.
* `burgers_exact`, `hasDerivAt_tanhE`, `burgers_exact_travelling`: `field_simp <;> ring` with
  the `≠ 0` facts (`ha`, `hne`, `hν0`) in context.

## References

* L. C. Evans, *Partial Differential Equations*, §3.3–3.4; G. B. Whitham,
  *Linear and Nonlinear Waves*, ch. 4.
-/

open Filter Topology

namespace SymShock

/-! ### Reduction -/

/-- **burgers.reduction** (1-D). If `u = F` has Fréchet derivative `F' q` at every point `q` near
`(t, x)`, `F'` has derivative `F''` at `(t, x)`, `u_xx = uxx` on the slice `t` with `u_xxx = uxxx`
at `x`, and `u_t + u_x²/2 = ν u_xx` on the slice `t`, then `p = u_x` satisfies
`p_t + p p_x = ν p_xx` at `(t, x)` (with `p_x = uxx x`, `p_xx = uxxx`). -/
theorem burgers_reduction (ν t x uxxx : ℝ) (F : ℝ × ℝ → ℝ) (F' : ℝ × ℝ → ℝ × ℝ →L[ℝ] ℝ)
    (F'' : ℝ × ℝ →L[ℝ] ℝ × ℝ →L[ℝ] ℝ) (uxx : ℝ → ℝ)
    (hF : ∀ᶠ q in 𝓝 (t, x), HasFDerivAt F (F' q) q) (hF' : HasFDerivAt F' F'' (t, x))
    (hxx : ∀ y, HasDerivAt (fun z => F' (t, z) (0, 1)) (uxx y) y)
    (hxxx : HasDerivAt uxx uxxx x)
    (hhj : ∀ y, F' (t, y) (1, 0) + F' (t, y) (0, 1) ^ 2 / 2 = ν * uxx y) :
    ∃ pt, HasDerivAt (fun s => F' (s, x) (0, 1)) pt t ∧
      pt + F' (t, x) (0, 1) * uxx x = ν * uxxx := by
  -- the two coordinate lines through a point
  have line_t : ∀ s y : ℝ, HasDerivAt (fun r : ℝ => (r, y)) ((1 : ℝ), (0 : ℝ)) s :=
    fun s y => (hasDerivAt_id' s).prodMk (hasDerivAt_const s y)
  have line_x : ∀ s y : ℝ, HasDerivAt (fun z : ℝ => (s, z)) ((0 : ℝ), (1 : ℝ)) y :=
    fun s y => (hasDerivAt_const y s).prodMk (hasDerivAt_id' y)
  refine ⟨F'' (1, 0) (0, 1), ?_, ?_⟩
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
    -- swap the mixed partials: `u_xt = u_tx` (Fréchet-differentiable near `(t, x)` suffices)
    rw [second_derivative_symmetric_of_eventually hF hF' (1, 0) (0, 1)]
    exact hL.unique hR

/-- The quadratic viscous Hamilton–Jacobi solution `u(s, y) = y²/(2(1 + s)) + ν log(1 + s)` (the
quadratic local entropy of `entropy_viscous_hj` with `a = 1`), as a function on `ℝ × ℝ`. -/
noncomputable def quadHJ (ν : ℝ) (q : ℝ × ℝ) : ℝ :=
  q.2 ^ 2 / (2 * (1 + q.1)) + ν * Real.log (1 + q.1)

/-- `quadHJ ν` is `C²` wherever `1 + s > 0`. -/
theorem contDiffAt_quadHJ (ν : ℝ) (q : ℝ × ℝ) (hq : 0 < 1 + q.1) :
    ContDiffAt ℝ 2 (quadHJ ν) q := by
  have h1 : ContDiffAt ℝ 2 (fun p : ℝ × ℝ => 1 + p.1) q := contDiffAt_const.add contDiffAt_fst
  have h2 : ContDiffAt ℝ 2 (fun p : ℝ × ℝ => 2 * (1 + p.1)) q := contDiffAt_const.mul h1
  have h3 : ContDiffAt ℝ 2 (fun p : ℝ × ℝ => p.2 ^ 2) q := contDiffAt_snd.pow 2
  have h4 : ContDiffAt ℝ 2 (fun p : ℝ × ℝ => ν * Real.log (1 + p.1)) q :=
    contDiffAt_const.mul (h1.log hq.ne')
  show ContDiffAt ℝ 2 (fun p : ℝ × ℝ => p.2 ^ 2 / (2 * (1 + p.1)) + ν * Real.log (1 + p.1)) q
  exact (h3.div h2 (mul_ne_zero two_ne_zero hq.ne')).add h4

/-- Non-vacuity of `burgers_reduction`, mirroring the Coq example: the quadratic viscous HJ
solution `u = quadHJ ν` near `(t, x)`, `1 + t > 0`, with `F' = fderiv ℝ u` and
`F'' = fderiv ℝ F' (t, x)`. Every hypothesis holds and no term vanishes: `u_t = −x²/(2(1+t)²) +
ν/(1+t)`, `u_x = x/(1+t)`, `u_xx = 1/(1+t)`, and the theorem's `p_t` is `−x/(1+t)²`, so
`p_t = −p p_x ≠ 0` for `x ≠ 0` (the affine solution of the earlier example had every term `0`). -/
example (ν t x : ℝ) (ht : 0 < 1 + t) :
    (∀ᶠ q in 𝓝 (t, x), HasFDerivAt (quadHJ ν) (fderiv ℝ (quadHJ ν) q) q) ∧
    HasFDerivAt (fderiv ℝ (quadHJ ν)) (fderiv ℝ (fderiv ℝ (quadHJ ν)) (t, x)) (t, x) ∧
    (∀ y, HasDerivAt (fun z => fderiv ℝ (quadHJ ν) (t, z) (0, 1)) (1 / (1 + t)) y) ∧
    (∀ y, fderiv ℝ (quadHJ ν) (t, y) (1, 0) + fderiv ℝ (quadHJ ν) (t, y) (0, 1) ^ 2 / 2 =
      ν * (1 / (1 + t))) ∧
    fderiv ℝ (quadHJ ν) (t, x) (1, 0) = -x ^ 2 / (2 * (1 + t) ^ 2) + ν / (1 + t) ∧
    fderiv ℝ (quadHJ ν) (t, x) (0, 1) = x / (1 + t) ∧
    ∃ pt, HasDerivAt (fun s => fderiv ℝ (quadHJ ν) (s, x) (0, 1)) pt t ∧
      pt = -x / (1 + t) ^ 2 := by
  have ht' : 1 + t ≠ 0 := ht.ne'
  have line_t : ∀ s y : ℝ, HasDerivAt (fun r : ℝ => (r, y)) ((1 : ℝ), (0 : ℝ)) s :=
    fun s y => (hasDerivAt_id' s).prodMk (hasDerivAt_const s y)
  have line_x : ∀ s y : ℝ, HasDerivAt (fun z : ℝ => (s, z)) ((0 : ℝ), (1 : ℝ)) y :=
    fun s y => (hasDerivAt_const y s).prodMk (hasDerivAt_id' y)
  -- `u` is differentiable near `(t, x)` (where `1 + s > 0`) and `C²` at `(t, x)`
  have hopen : IsOpen {q : ℝ × ℝ | 0 < 1 + q.1} :=
    isOpen_lt continuous_const (continuous_const.add continuous_fst)
  have hev : ∀ᶠ q in 𝓝 (t, x), 0 < 1 + q.1 := hopen.mem_nhds ht
  have hdiff : ∀ q : ℝ × ℝ, 0 < 1 + q.1 → HasFDerivAt (quadHJ ν) (fderiv ℝ (quadHJ ν) q) q :=
    fun q hq => ((contDiffAt_quadHJ ν q hq).differentiableAt
      (by first | exact one_le_two | exact two_ne_zero | simp)).hasFDerivAt
  have hF : ∀ᶠ q in 𝓝 (t, x), HasFDerivAt (quadHJ ν) (fderiv ℝ (quadHJ ν) q) q :=
    hev.mono hdiff
  have hF' : HasFDerivAt (fderiv ℝ (quadHJ ν)) (fderiv ℝ (fderiv ℝ (quadHJ ν)) (t, x)) (t, x) :=
    (((contDiffAt_quadHJ ν (t, x) ht).fderiv_right (m := 1)
      (by first | exact le_rfl | exact le_of_eq one_add_one_eq_two | norm_num)).differentiableAt
      (by first | exact le_rfl | exact one_ne_zero | simp)).hasFDerivAt
  -- the partials on the slice `t`, from the one-variable derivatives
  have vx : ∀ y, fderiv ℝ (quadHJ ν) (t, y) (0, 1) = y / (1 + t) := by
    intro y
    have h1 := (hdiff (t, y) ht).comp_hasDerivAt y (line_x t y)
    have h2 : HasDerivAt (fun z : ℝ => quadHJ ν (t, z)) (y / (1 + t)) y := by
      have e : (fun z : ℝ => quadHJ ν (t, z)) =
          fun z => z * z / (2 * (1 + t)) + ν * Real.log (1 + t) := by
        funext z
        show z ^ 2 / (2 * (1 + t)) + ν * Real.log (1 + t) = _
        ring
      rw [e]
      have h := (((hasDerivAt_id' y).mul (hasDerivAt_id' y)).div_const (2 * (1 + t))).add_const
        (ν * Real.log (1 + t))
      exact h.congr_deriv (by field_simp <;> ring)
    exact h1.unique h2
  have vt : ∀ y, fderiv ℝ (quadHJ ν) (t, y) (1, 0) = -y ^ 2 / (2 * (1 + t) ^ 2) + ν / (1 + t) := by
    intro y
    have h1 := (hdiff (t, y) ht).comp_hasDerivAt t (line_t t y)
    have h2 : HasDerivAt (fun r : ℝ => quadHJ ν (r, y))
        (-y ^ 2 / (2 * (1 + t) ^ 2) + ν / (1 + t)) t := by
      have hd : HasDerivAt (fun r : ℝ => 1 + r) 1 t := (hasDerivAt_id' t).const_add 1
      have h := ((hasDerivAt_const t (y ^ 2)).div (hd.const_mul 2)
        (mul_ne_zero two_ne_zero ht')).add ((hd.log ht').const_mul ν)
      exact h.congr_deriv (by field_simp <;> ring)
    exact h1.unique h2
  have hxx : ∀ y, HasDerivAt (fun z => fderiv ℝ (quadHJ ν) (t, z) (0, 1)) (1 / (1 + t)) y := by
    intro y
    have e : (fun z => fderiv ℝ (quadHJ ν) (t, z) (0, 1)) = fun z => z / (1 + t) := funext vx
    rw [e]
    exact (hasDerivAt_id' y).div_const (1 + t)
  have hhj : ∀ y, fderiv ℝ (quadHJ ν) (t, y) (1, 0) + fderiv ℝ (quadHJ ν) (t, y) (0, 1) ^ 2 / 2 =
      ν * (1 / (1 + t)) := by
    intro y
    rw [vt y, vx y]
    field_simp <;> ring
  obtain ⟨pt, hpt, heq⟩ := burgers_reduction ν t x 0 (quadHJ ν) (fderiv ℝ (quadHJ ν))
    (fderiv ℝ (fderiv ℝ (quadHJ ν)) (t, x)) (fun _ => 1 / (1 + t)) hF hF' hxx
    (hasDerivAt_const x _) hhj
  have h2 : pt + x / (1 + t) * (1 / (1 + t)) = ν * 0 := by
    rw [← vx x]
    exact heq
  have h3 : x / (1 + t) * (1 / (1 + t)) = x / (1 + t) ^ 2 := by
    rw [div_mul_div_comm, mul_one, ← sq]
  exact ⟨hF, hF', hxx, hhj, vt x, vx x, pt, hpt, by linarith⟩

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
