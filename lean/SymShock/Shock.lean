/-
Copyright (c) 2026 symshock contributors. All rights reserved.
Released under Apache 2.0 license.
-/
import Mathlib.Analysis.Calculus.MeanValue
import Mathlib.Analysis.Calculus.Deriv.Comp
import Mathlib.Analysis.Calculus.Deriv.Prod
import Mathlib.Analysis.Calculus.Deriv.Inv
import Mathlib.Analysis.Calculus.Deriv.Slope
import Mathlib.Analysis.Calculus.FDeriv.Mul
import Mathlib.Analysis.Calculus.FDeriv.Prod
import Mathlib.Analysis.SpecialFunctions.ExpDeriv
import Mathlib.Analysis.SpecialFunctions.Sqrt
import Mathlib.Topology.Order.Compact
import SymShock.Entropy

/-!
# Characteristics, blow-up, shock time and Rankine–Hugoniot (1-D, inviscid Burgers)

This file mirrors `proofs/Shock.v` (ids `shock.crossing`, `shock.blowup`, `shock.time`,
`shock.rankine_hugoniot`, THEORY.md section S).

## Main statements

* `SymShock.shock_crossing`: characteristics `x = y + t p₀(y)` from `y₁ < y₂` with
  `p₀(y₁) > p₀(y₂)` meet at some `t > 0`, which satisfies `t (p₀ y₁ − p₀ y₂) = y₂ − y₁` and is
  the only meeting time (`SymShock.shock_crossing_at` takes that `t` as given).
* `SymShock.ode_linear_zero`: `g' = −a g`, `g(0) = 0`, `a` continuous ⇒ `g = 0` on `[0, T]`
  (a fencing inequality for `g² e^{2Kt}`, no integrals).
* `SymShock.shock_constant_on_characteristics`, `SymShock.shock_blowup_characteristic`:
  a C¹ solution of `p_t + p p_x = 0` is constant on characteristics (the ψ argument), hence
  `p_x (1 + s p₀'(y)) = p₀'(y)` along the characteristic from `y`.
* `SymShock.shock_blowup`: no such solution on `[0, T] × ℝ` when `p₀'(y) = d < 0` and
  `1 + T d ≤ 0`.
* `SymShock.shock_blowup_riccati`: `q' = −q²`, `q(0) = d` ⇒ `q(s) (1 + s d) = d`.
* `SymShock.shock_time`: (i) `L'' ≥ m`, `t ≥ 0`, `1 + t m > 0` ⇒ `y ↦ y + t L'(y)` strictly
  increasing; (ii) `L''(y₀) = d < 0`, `1 + t d < 0` ⇒ two characteristics cross at some
  `s ∈ (0, t)` (`SymShock.shock_time_crossing` needs `L'` differentiable at `y₀` only).
* `SymShock.shock_rankine_hugoniot`: the Hopf–Lax tie gives `(p₁ − p₂) x_s' = (p₁² − p₂²)/2`.

## Implementation notes

The statements are the Coq statements, with `is_derive f x l` read as `HasDerivAt f l x`,
`continuity_pt` as `ContinuousAt`, and Coquelicot's `differentiable_pt_lim p s z pt px` as
`HasFDerivAt (fun q => p q.1 q.2) (pt • fst + px • snd) (s, z)`. Intervals `0 ≤ s ≤ T` are
`s ∈ Set.Icc 0 T`. Everything is division-free except `/ 2` and the point `s = -d⁻¹` inside
the proof of `shock_blowup`.

## Riskiest steps (none elaborated here; why we expect each to elaborate)

Four steps found in review were rewritten (issue 14): the characteristic path's derivative
`1 * p₀ y` is closed by `.congr_deriv (one_mul (p₀ y))`; `0 ≤ 2 (g r · g r) e^{…}` is built
from `mul_self_nonneg` and `Real.exp_pos` instead of `positivity`; both comparisons of
`((1 - s)^2)⁻¹` with `((1 - s)⁻¹)^2` go through `rw [div_eq_mul_inv, ← inv_pow]` before `ring`
(`inv_pow : a⁻¹ ^ n = (a ^ n)⁻¹`); `simp; linarith` became `simp only [ContinuousLinearMap.…]`
and `linear_combination e`. The static audit (`risk_findings`) now rejects each pattern.
Remaining risks:
* `shock_time_monotone_on`: `exists_hasDerivAt_eq_slope` (explicit `f f'`); its slope equation
  may contain beta-redexes, so it is converted by `rw [eq_div_iff hne]` and `exact` into `key`.
* `shock_time_crossing`, `shock_time_crossing_near`: `ε` (resp. `k`) is introduced with
  `div_mul_cancel₀ (a) (h : b ≠ 0) : a / b * b = a` and `linear_combination`, no `field_simp`.
* `shock_leaf_time`: arguments with beta-redexes (`(fun x => f₁ (w x) * q x) y₁`) are passed
  where reduced forms are stated; application and `exact` compare up to defeq.
* The Rankine–Hugoniot example (`rhL`, `rhY₁`, `rhY₂`, mirroring the Coq example):
  `hasDerivAt_rhY₂` builds `√(1 − t⁻¹)` with `HasDerivAt.inv`, `const_sub` and
  `HasDerivAt.sqrt`, whose value is `-(-1 / (4/3) ^ 2) / (2 * √(1 - (4/3)⁻¹))`; `rw [rh_sqrt_at]`
  expects the square root in exactly that beta-reduced form (the functions are instantiated
  from `hasDerivAt_id'`, and `instantiateMVars` beta-reduces them). The definitions are
  unfolded by `show` (defeq), never by `simp`; the minimality goals are closed by
  `nlinarith [sq_nonneg (y ^ 2 - 1 / 4)]`, the difference being exactly `(2/3)(y² − 1/4)²`.
* The sharpness example: `ext v <;> simp [p, pt, px, g] <;> ring` (both sides carry the same
  `(s - 1)⁻¹ ^ 2`, so `ring`'s atoms agree); `norm_num [g]` unfolds a `let`.

## References

* L. C. Evans, *Partial Differential Equations*, §3.4; P. D. Lax (1957); O. Oleinik (1957).
-/

open Filter Set Topology

namespace SymShock

/-! ### Crossing of characteristics -/

/-- Two characteristics from `y₁ < y₂` with `p₀(y₁) > p₀(y₂)` that meet at a given `t` with
`t (p₀ y₁ − p₀ y₂) = y₂ − y₁`: this `t` is positive and is the only meeting time. -/
theorem shock_crossing_at (p₀ : ℝ → ℝ) (y₁ y₂ t : ℝ) (hy : y₁ < y₂) (hp : p₀ y₂ < p₀ y₁)
    (ht : t * (p₀ y₁ - p₀ y₂) = y₂ - y₁) :
    0 < t ∧ y₁ + t * p₀ y₁ = y₂ + t * p₀ y₂ ∧
      ∀ s, y₁ + s * p₀ y₁ = y₂ + s * p₀ y₂ → s = t := by
  have hD : 0 < p₀ y₁ - p₀ y₂ := sub_pos.mpr hp
  refine ⟨?_, by linarith, fun s hs => ?_⟩
  · by_contra h
    push_neg at h
    nlinarith
  · apply mul_right_cancel₀ hD.ne'
    linarith

/-- **shock.crossing**. Two characteristics `x = y + t p₀(y)` with `y₁ < y₂` and
`p₀(y₁) > p₀(y₂)` meet: there is a `t > 0` at which they do, it satisfies
`t (p₀ y₁ − p₀ y₂) = y₂ − y₁`, and it is the only meeting time. -/
theorem shock_crossing (p₀ : ℝ → ℝ) (y₁ y₂ : ℝ) (hy : y₁ < y₂) (hp : p₀ y₂ < p₀ y₁) :
    ∃ t, 0 < t ∧ y₁ + t * p₀ y₁ = y₂ + t * p₀ y₂ ∧ t * (p₀ y₁ - p₀ y₂) = y₂ - y₁ ∧
      ∀ s, y₁ + s * p₀ y₁ = y₂ + s * p₀ y₂ → s = t := by
  have hD : p₀ y₁ - p₀ y₂ ≠ 0 := (sub_pos.mpr hp).ne'
  have ht : (y₂ - y₁) / (p₀ y₁ - p₀ y₂) * (p₀ y₁ - p₀ y₂) = y₂ - y₁ := div_mul_cancel₀ _ hD
  obtain ⟨h0, hm, hu⟩ := shock_crossing_at p₀ y₁ y₂ _ hy hp ht
  exact ⟨_, h0, hm, ht, hu⟩

/-- Non-vacuity of `shock_crossing`: `p₀(y) = −y` from `y = ∓1`; they meet, and only at `t = 1`. -/
example : (∃ t : ℝ, 0 < t ∧ -1 + t * -(-1) = 1 + t * -1) ∧
    ∀ s : ℝ, -1 + s * -(-1) = 1 + s * -1 → s = 1 := by
  obtain ⟨t, h0, hm, -, hu⟩ := shock_crossing (fun y : ℝ => -y) (-1) 1 (by norm_num) (by norm_num)
  exact ⟨⟨t, h0, hm⟩, fun s hs => (hu s hs).trans (hu 1 (by norm_num)).symm⟩

/-! ### A linear ODE with zero data vanishes -/

/-- `g' = −a g` on `[0, T]` with `a` continuous and `g 0 = 0` forces `g = 0` on `[0, T]`.
With `K = min a`, `e = g² e^{2Ks}` has `e' = 2 g² e^{2Ks} (K − a) ≤ 0`, and the fencing
inequality `image_le_of_deriv_right_le_deriv_boundary` gives `0 ≤ e(s) ≤ 0`. -/
theorem ode_linear_zero (g a : ℝ → ℝ) (T : ℝ)
    (hg : ∀ s ∈ Icc 0 T, HasDerivAt g (-a s * g s) s)
    (ha : ∀ s ∈ Icc 0 T, ContinuousAt a s) (h0 : g 0 = 0) :
    ∀ s ∈ Icc 0 T, g s = 0 := by
  intro s hs
  have hT : 0 ≤ T := hs.1.trans hs.2
  obtain ⟨m, -, hmin⟩ := isCompact_Icc.exists_isMinOn (nonempty_Icc.2 hT)
    (fun r hr => (ha r hr).continuousWithinAt)
  have he : ∀ r ∈ Icc 0 T, HasDerivAt (fun r => g r * g r * Real.exp (2 * a m * r))
      (2 * (g r * g r) * Real.exp (2 * a m * r) * (a m - a r)) r := by
    intro r hr
    have h := ((hg r hr).mul (hg r hr)).mul ((hasDerivAt_id' r).const_mul (2 * a m)).exp
    exact h.congr_deriv (by ring)
  have hbound : ∀ r ∈ Ico 0 T,
      2 * (g r * g r) * Real.exp (2 * a m * r) * (a m - a r) ≤ (fun _ => (0 : ℝ)) r := by
    intro r hr
    have hK : a m ≤ a r := (isMinOn_iff.mp hmin) r (Ico_subset_Icc_self hr)
    have hprod : 0 ≤ 2 * (g r * g r) * Real.exp (2 * a m * r) :=
      mul_nonneg (mul_nonneg zero_le_two (mul_self_nonneg (g r))) (Real.exp_pos _).le
    show 2 * (g r * g r) * Real.exp (2 * a m * r) * (a m - a r) ≤ 0
    nlinarith
  -- fencing: `e ≤ 0` on `[0, T]` since `e 0 = 0` and `e' ≤ 0`
  have hes : g s * g s * Real.exp (2 * a m * s) ≤ 0 :=
    image_le_of_deriv_right_le_deriv_boundary
      (f := fun r => g r * g r * Real.exp (2 * a m * r))
      (f' := fun r => 2 * (g r * g r) * Real.exp (2 * a m * r) * (a m - a r))
      (B := fun _ => (0 : ℝ)) (B' := fun _ => (0 : ℝ))
      (fun r hr => (he r hr).continuousAt.continuousWithinAt)
      (fun r hr => (he r (Ico_subset_Icc_self hr)).hasDerivWithinAt)
      (by simp [h0]) continuousOn_const (fun r _ => hasDerivWithinAt_const r _ 0)
      hbound hs
  have hexps := Real.exp_pos (2 * a m * s)
  have hgs : g s * g s = 0 :=
    le_antisymm (by nlinarith [mul_self_nonneg (g s)]) (mul_self_nonneg _)
  exact mul_self_eq_zero.mp hgs

/-! ### The slope law along a characteristic -/

/-- The Riccati law: a slope with `q' = −q²` on `[0, T]` and `q 0 = d` satisfies
`q(s) (1 + s d) = d` on `[0, T]`. -/
theorem shock_blowup_riccati (q : ℝ → ℝ) (d T : ℝ)
    (hq : ∀ s ∈ Icc 0 T, HasDerivAt q (-q s ^ 2) s) (h0 : q 0 = d) :
    ∀ s ∈ Icc 0 T, q s * (1 + s * d) = d := by
  intro s hs
  have hz : q s * (1 + s * d) - d = 0 := ode_linear_zero (fun r => q r * (1 + r * d) - d) q T
    (fun r hr => ((hq r hr).mul (((hasDerivAt_id' r).mul_const d).const_add 1)).sub_const d
      |>.congr_deriv (by ring))
    (fun r hr => (hq r hr).continuousAt) (by simp [h0]) s hs
  linarith

/-- Non-vacuity of `shock_blowup_riccati`: `q(s) = −(1 − s)⁻¹` (`d = −1`) on `[0, 1/2]`. -/
example : ∀ s ∈ Icc (0 : ℝ) (1 / 2), -(1 - s)⁻¹ * (1 + s * -1) = -1 :=
  shock_blowup_riccati (fun s => -(1 - s)⁻¹) (-1) (1 / 2)
    (fun s hs => by
      have h1 : (1 - s) ≠ 0 := by linarith [hs.2]
      have h := ((hasDerivAt_id' s).const_sub 1).inv h1 |>.neg
      -- `((1 - s) ^ 2)⁻¹` becomes `((1 - s)⁻¹) ^ 2` before `ring`, which treats `(1 - s)⁻¹` as an atom
      exact h.congr_deriv (by rw [div_eq_mul_inv, ← inv_pow]; ring))
    (by norm_num)

/-! ### Blow-up, with the characteristic identity derived from the PDE -/

/-- A C¹ solution of `p_t + p p_x = 0` on `[0, T] × ℝ` is constant along each characteristic:
`ψ(r) = p(r, y + r p₀ y) − p₀ y` has `ψ' = −p_x ψ` and `ψ(0) = 0`. -/
theorem shock_constant_on_characteristics (p pt px : ℝ → ℝ → ℝ) (p₀ : ℝ → ℝ) (T : ℝ)
    (hdiff : ∀ s z, s ∈ Icc 0 T → HasFDerivAt (fun q : ℝ × ℝ => p q.1 q.2)
      (pt s z • ContinuousLinearMap.fst ℝ ℝ ℝ + px s z • ContinuousLinearMap.snd ℝ ℝ ℝ) (s, z))
    (hcont : ∀ y s, s ∈ Icc 0 T → ContinuousAt (fun r => px r (y + r * p₀ y)) s)
    (hpde : ∀ s z, s ∈ Icc 0 T → pt s z + p s z * px s z = 0)
    (hinit : ∀ z, p 0 z = p₀ z) :
    ∀ y, ∀ s ∈ Icc 0 T, p s (y + s * p₀ y) = p₀ y := by
  intro y s hs
  have hder : ∀ r ∈ Icc 0 T, HasDerivAt (fun r => p r (y + r * p₀ y) - p₀ y)
      (-px r (y + r * p₀ y) * (p r (y + r * p₀ y) - p₀ y)) r := by
    intro r hr
    have hpath : HasDerivAt (fun r : ℝ => (r, y + r * p₀ y)) ((1 : ℝ), p₀ y) r :=
      (hasDerivAt_id' r).prodMk
        ((((hasDerivAt_id' r).mul_const (p₀ y)).const_add y).congr_deriv (one_mul (p₀ y)))
    have h := ((hdiff r (y + r * p₀ y) hr).comp_hasDerivAt r hpath).sub_const (p₀ y)
    refine h.congr_deriv ?_
    have e := hpde r (y + r * p₀ y) hr
    simp only [ContinuousLinearMap.add_apply, ContinuousLinearMap.smul_apply,
      ContinuousLinearMap.coe_fst', ContinuousLinearMap.coe_snd', smul_eq_mul, sub_zero]
    linear_combination e
  have hz : p s (y + s * p₀ y) - p₀ y = 0 := ode_linear_zero (fun r => p r (y + r * p₀ y) - p₀ y)
    (fun r => px r (y + r * p₀ y)) T hder (hcont y) (by simp [hinit]) s hs
  linarith

/-- The characteristic identity `p_x(s, y + s p₀ y) · (1 + s p₀'(y)) = p₀'(y)`, derived from the
PDE by differentiating `p(s, y + s p₀ y) = p₀ y` in `y`. -/
theorem shock_blowup_characteristic (p pt px : ℝ → ℝ → ℝ) (p₀ : ℝ → ℝ) (y d T : ℝ)
    (hdiff : ∀ s z, s ∈ Icc 0 T → HasFDerivAt (fun q : ℝ × ℝ => p q.1 q.2)
      (pt s z • ContinuousLinearMap.fst ℝ ℝ ℝ + px s z • ContinuousLinearMap.snd ℝ ℝ ℝ) (s, z))
    (hcont : ∀ y s, s ∈ Icc 0 T → ContinuousAt (fun r => px r (y + r * p₀ y)) s)
    (hpde : ∀ s z, s ∈ Icc 0 T → pt s z + p s z * px s z = 0)
    (hinit : ∀ z, p 0 z = p₀ z) (hp₀ : HasDerivAt p₀ d y) :
    ∀ s ∈ Icc 0 T, px s (y + s * p₀ y) * (1 + s * d) = d := by
  intro s hs
  have hconst := shock_constant_on_characteristics p pt px p₀ T hdiff hcont hpde hinit
  have hx : HasDerivAt (fun z => p s z) (px s (y + s * p₀ y)) (y + s * p₀ y) := by
    have hline : HasDerivAt (fun z : ℝ => (s, z)) ((0 : ℝ), (1 : ℝ)) (y + s * p₀ y) :=
      (hasDerivAt_const _ s).prodMk (hasDerivAt_id' _)
    have h := HasFDerivAt.comp_hasDerivAt (f := fun z : ℝ => (s, z)) (y + s * p₀ y)
      (hdiff s (y + s * p₀ y) hs) hline
    exact h.congr_deriv (by simp)
  have hch : HasDerivAt (fun z => z + s * p₀ z) (1 + s * d) y :=
    (hasDerivAt_id' y).add (hp₀.const_mul s)
  have hcomp : HasDerivAt (fun z => p s (z + s * p₀ z))
      (px s (y + s * p₀ y) * (1 + s * d)) y := hx.comp y hch
  have hp₀' : HasDerivAt p₀ (px s (y + s * p₀ y) * (1 + s * d)) y :=
    hcomp.congr_of_eventuallyEq (Eventually.of_forall fun z => (hconst z s hs).symm)
  exact hp₀'.unique hp₀

/-- **shock.blowup**. If `p₀'(y) = d < 0` and `1 + T d ≤ 0`, there is no C¹ solution of
`p_t + p p_x = 0` on `[0, T] × ℝ` with `p(0, ·) = p₀`: at `s = −1/d ∈ (0, T]` the
characteristic identity would give `0 = d`. -/
theorem shock_blowup (p pt px : ℝ → ℝ → ℝ) (p₀ : ℝ → ℝ) (y d T : ℝ)
    (hdiff : ∀ s z, s ∈ Icc 0 T → HasFDerivAt (fun q : ℝ × ℝ => p q.1 q.2)
      (pt s z • ContinuousLinearMap.fst ℝ ℝ ℝ + px s z • ContinuousLinearMap.snd ℝ ℝ ℝ) (s, z))
    (hcont : ∀ y s, s ∈ Icc 0 T → ContinuousAt (fun r => px r (y + r * p₀ y)) s)
    (hpde : ∀ s z, s ∈ Icc 0 T → pt s z + p s z * px s z = 0)
    (hinit : ∀ z, p 0 z = p₀ z) (hp₀ : HasDerivAt p₀ d y) (hd : d < 0) (hT : 1 + T * d ≤ 0) :
    False := by
  have hd0 : d ≠ 0 := hd.ne
  have e : 1 + -d⁻¹ * d = 0 := by rw [neg_mul, inv_mul_cancel₀ hd0]; ring
  have hpos : 0 < -d⁻¹ := by nlinarith
  have hle : -d⁻¹ ≤ T := by nlinarith
  have h := shock_blowup_characteristic p pt px p₀ y d T hdiff hcont hpde hinit hp₀ (-d⁻¹)
    ⟨hpos.le, hle⟩
  rw [e, mul_zero] at h
  exact hd0 h.symm

/-- The same conclusion from the slope law alone. -/
theorem shock_blowup_slope (q : ℝ → ℝ) (d T : ℝ)
    (hq : ∀ s ∈ Icc 0 T, HasDerivAt q (-q s ^ 2) s) (h0 : q 0 = d) (hd : d < 0)
    (hT : 1 + T * d ≤ 0) : False := by
  have hd0 : d ≠ 0 := hd.ne
  have e : 1 + -d⁻¹ * d = 0 := by rw [neg_mul, inv_mul_cancel₀ hd0]; ring
  have hpos : 0 < -d⁻¹ := by nlinarith
  have hle : -d⁻¹ ≤ T := by nlinarith
  have h := shock_blowup_riccati q d T hq h0 (-d⁻¹) ⟨hpos.le, hle⟩
  rw [e, mul_zero] at h
  exact hd0 h.symm

/-- Sharpness and non-vacuity of `shock_blowup`: `p = x · (s − 1)⁻¹` (from `p₀(y) = −y`,
`d = −1`) meets every hypothesis on `[0, 1/2] × ℝ`; only `1 + T d ≤ 0` fails. -/
example :
    let g : ℝ → ℝ := fun s => (s - 1)⁻¹
    let p : ℝ → ℝ → ℝ := fun s z => z * g s
    let pt : ℝ → ℝ → ℝ := fun s z => z * -((s - 1)⁻¹ ^ 2)
    let px : ℝ → ℝ → ℝ := fun s _ => g s
    (∀ s z, s ∈ Icc (0 : ℝ) (1 / 2) → HasFDerivAt (fun q : ℝ × ℝ => p q.1 q.2)
      (pt s z • ContinuousLinearMap.fst ℝ ℝ ℝ + px s z • ContinuousLinearMap.snd ℝ ℝ ℝ) (s, z)) ∧
    (∀ y s, s ∈ Icc (0 : ℝ) (1 / 2) → ContinuousAt (fun r => px r (y + r * p 0 y)) s) ∧
    (∀ s z, s ∈ Icc (0 : ℝ) (1 / 2) → pt s z + p s z * px s z = 0) ∧
    HasDerivAt (fun z => p 0 z) (-1) 0 ∧ ¬ (1 + 1 / 2 * (-1 : ℝ) ≤ 0) := by
  intro g p pt px
  -- `HasDerivAt.inv` gives `-1 / (s - 1) ^ 2`; `inv_pow` turns it into `-((s - 1)⁻¹ ^ 2)`
  have hg : ∀ s : ℝ, s - 1 ≠ 0 → HasDerivAt g (-((s - 1)⁻¹ ^ 2)) s := fun s hs =>
    ((hasDerivAt_id' s).sub_const 1).inv hs |>.congr_deriv (by rw [div_eq_mul_inv, ← inv_pow]; ring)
  refine ⟨fun s z hs => ?_, fun y s hs => ?_, fun s z hs => ?_, ?_, by norm_num⟩
  · have hs1 : s - 1 ≠ 0 := by linarith [hs.2]
    have h := (hasFDerivAt_snd (p := (s, z))).mul
      ((hg s hs1).hasFDerivAt.comp (f := Prod.fst) (s, z) hasFDerivAt_fst)
    refine h.congr_fderiv ?_
    ext v <;> simp [p, pt, px, g] <;> ring
  · have hs1 : s - 1 ≠ 0 := by linarith [hs.2]
    exact (hg s hs1).continuousAt
  · simp only [p, pt, px, g]
    ring
  · have h := (hasDerivAt_id' (0 : ℝ)).mul_const (g 0)
    exact h.congr_deriv (by norm_num [g])

/-! ### Shock time set by curvature -/

/-- (i) If `L'' ≥ m`, `t ≥ 0` and `1 + t m > 0`, the characteristic map `y ↦ y + t L'(y)` is
strictly increasing: no characteristics have crossed by time `t`. -/
theorem shock_time_monotone (L₁ L₂ : ℝ → ℝ) (m t : ℝ) (hL : ∀ y, HasDerivAt L₁ (L₂ y) y)
    (hm : ∀ y, m ≤ L₂ y) (ht : 0 ≤ t) (htm : 0 < 1 + t * m) :
    ∀ y₁ y₂, y₁ < y₂ → y₁ + t * L₁ y₁ < y₂ + t * L₁ y₂ := by
  intro y₁ y₂ hy
  -- fencing applied to `−(y + t L₁ y)` against the line of slope `−(1 + t m)`
  have hd : ∀ y, HasDerivAt (fun z => -(z + t * L₁ z)) (-(1 + t * L₂ y)) y :=
    fun y => ((hasDerivAt_id' y).add ((hL y).const_mul t)).neg
  have hB : ∀ y, HasDerivAt (fun z => -(y₁ + t * L₁ y₁) - (1 + t * m) * (z - y₁))
      (-((1 + t * m) * 1)) y :=
    fun y => (((hasDerivAt_id' y).sub_const y₁).const_mul (1 + t * m)).const_sub _
  have hle : -(y₂ + t * L₁ y₂) ≤ -(y₁ + t * L₁ y₁) - (1 + t * m) * (y₂ - y₁) :=
    image_le_of_deriv_right_le_deriv_boundary
      (f := fun z => -(z + t * L₁ z)) (f' := fun y => -(1 + t * L₂ y))
      (B := fun z => -(y₁ + t * L₁ y₁) - (1 + t * m) * (z - y₁))
      (B' := fun _ => -((1 + t * m) * 1))
      (fun z _ => (hd z).continuousAt.continuousWithinAt) (fun z _ => (hd z).hasDerivWithinAt)
      (by simp) (fun z _ => (hB z).continuousAt.continuousWithinAt)
      (fun z _ => (hB z).hasDerivWithinAt)
      (fun z _ => by
        show -(1 + t * L₂ z) ≤ -((1 + t * m) * 1)
        nlinarith [mul_le_mul_of_nonneg_left (hm z) ht])
      (right_mem_Icc.mpr hy.le)
  nlinarith [mul_pos htm (sub_pos.mpr hy)]

/-- (ii) If `L'` has derivative `d < 0` at `y₀`, then for every `t` with `1 + t d < 0` two
characteristics, from `y₀ ∓ h`, cross at some `s ∈ (0, t)`. -/
theorem shock_time_crossing (L₁ : ℝ → ℝ) (y₀ d t : ℝ) (hL : HasDerivAt L₁ d y₀) (hd : d < 0)
    (htd : 1 + t * d < 0) :
    ∃ y₁ y₂ s, y₁ < y₂ ∧ 0 < s ∧ s < t ∧ y₁ + s * L₁ y₁ = y₂ + s * L₁ y₂ := by
  have ht : 0 < t := by nlinarith
  have ht0 : t ≠ 0 := ht.ne'
  -- slopes near `y₀` are below `d + ε`, with `t (d + ε) = (t d − 1)/2 < −1`
  obtain ⟨ε, hε0, hk⟩ : ∃ ε : ℝ, 0 < ε ∧ t * (d + ε) = (t * d - 1) / 2 :=
    ⟨-(1 + t * d) / (2 * t), div_pos (by linarith) (by linarith), by
      linear_combination (1 / 2) * div_mul_cancel₀ (-(1 + t * d)) (mul_ne_zero two_ne_zero ht0)⟩
  have hev : ∀ᶠ y in 𝓝[≠] y₀, slope L₁ y₀ y < d + ε :=
    (hasDerivAt_iff_tendsto_slope.mp hL) (Iio_mem_nhds (by linarith))
  obtain ⟨δ, hδ, hball⟩ := Metric.eventually_nhds_iff.mp (eventually_nhdsWithin_iff.mp hev)
  obtain ⟨h, hh, hhδ⟩ : ∃ h : ℝ, 0 < h ∧ h < δ := ⟨δ / 2, by linarith, by linarith⟩
  have q₂ := hball
    (show dist (y₀ + h) y₀ < δ by
      rw [Real.dist_eq, show y₀ + h - y₀ = h by ring, abs_of_pos hh]; exact hhδ)
    (mem_compl_singleton_iff.mpr (ne_of_gt (by linarith)))
  have q₁ := hball
    (show dist (y₀ - h) y₀ < δ by
      rw [Real.dist_eq, show y₀ - h - y₀ = -h by ring, abs_neg, abs_of_pos hh]; exact hhδ)
    (mem_compl_singleton_iff.mpr (ne_of_lt (by linarith)))
  rw [slope_def_field, show y₀ + h - y₀ = h by ring, div_lt_iff₀ hh] at q₂
  rw [slope_comm, slope_def_field, show y₀ - (y₀ - h) = h by ring, div_lt_iff₀ hh] at q₁
  have hb : -2 * (d + ε) * h < L₁ (y₀ - h) - L₁ (y₀ + h) := by linarith
  have hneg : d + ε < 0 := by nlinarith
  have hD : 0 < L₁ (y₀ - h) - L₁ (y₀ + h) := by nlinarith
  have hD' := hD.ne'
  refine ⟨y₀ - h, y₀ + h, 2 * h / (L₁ (y₀ - h) - L₁ (y₀ + h)), by linarith,
    div_pos (by linarith) hD, ?_, ?_⟩
  · rw [div_lt_iff₀ hD]
    have e3 : t * (d + ε) * h = (t * d - 1) / 2 * h := by rw [hk]
    nlinarith [mul_lt_mul_of_pos_left hb ht, mul_lt_mul_of_pos_right htd hh]
  · have e : 2 * h / (L₁ (y₀ - h) - L₁ (y₀ + h)) * (L₁ (y₀ - h) - L₁ (y₀ + h)) = 2 * h :=
      div_mul_cancel₀ (2 * h) hD'
    linear_combination e

/-- **shock.time**. The shock time is set by the curvature of `L`: (i) a lower bound `m` on
`L''` rules out crossing while `1 + t m > 0`; (ii) a point with `L'' = d < 0` forces two
characteristics to cross before any `t` with `1 + t d < 0`. -/
theorem shock_time (L₁ L₂ : ℝ → ℝ) (hL : ∀ y, HasDerivAt L₁ (L₂ y) y) :
    (∀ m t, (∀ y, m ≤ L₂ y) → 0 ≤ t → 0 < 1 + t * m →
      ∀ y₁ y₂, y₁ < y₂ → y₁ + t * L₁ y₁ < y₂ + t * L₁ y₂) ∧
    (∀ y₀ t, L₂ y₀ < 0 → 1 + t * L₂ y₀ < 0 →
      ∃ y₁ y₂ s, y₁ < y₂ ∧ 0 < s ∧ s < t ∧ y₁ + s * L₁ y₁ = y₂ + s * L₁ y₂) :=
  ⟨fun m t hm ht htm => shock_time_monotone L₁ L₂ m t hL hm ht htm,
    fun y₀ t hd htd => shock_time_crossing L₁ y₀ (L₂ y₀) t (hL y₀) hd htd⟩

/-- Non-vacuity of `shock_time`: the double well `L = (y² − 1)²/4`, `L' = y³ − y`,
`L'' = 3y² − 1 ≥ −1`: no crossing by `t = 1/2`, a crossing before `t = 2` from `y₀ = 0`. -/
example :
    (∀ y₁ y₂ : ℝ, y₁ < y₂ → y₁ + 1 / 2 * (y₁ ^ 3 - y₁) < y₂ + 1 / 2 * (y₂ ^ 3 - y₂)) ∧
    ∃ y₁ y₂ s : ℝ, y₁ < y₂ ∧ 0 < s ∧ s < 2 ∧
      y₁ + s * (y₁ ^ 3 - y₁) = y₂ + s * (y₂ ^ 3 - y₂) := by
  have hL : ∀ y : ℝ, HasDerivAt (fun y => y ^ 3 - y) (3 * y ^ 2 - 1) y := fun y => by
    have h := ((hasDerivAt_id' y).mul ((hasDerivAt_id' y).mul (hasDerivAt_id' y))).sub
      (hasDerivAt_id' y)
    have e : (fun y : ℝ => y ^ 3 - y) = fun y => y * (y * y) - y := by funext y; ring
    rw [e]
    exact h.congr_deriv (by ring)
  obtain ⟨A, B⟩ := shock_time (fun y => y ^ 3 - y) (fun y => 3 * y ^ 2 - 1) hL
  exact ⟨A (-1) (1 / 2)
    (fun y => by show (-1 : ℝ) ≤ 3 * y ^ 2 - 1; nlinarith [sq_nonneg y]) (by norm_num) (by norm_num),
    B 0 2 (by norm_num) (by norm_num)⟩

/-! ### Rankine–Hugoniot from the Hopf–Lax tie -/

/-- The time derivative of `2t L(y(t)) + (x_s(t) − y(t))²` (the Hopf–Lax value times `2t`). -/
theorem hopf_lax_value_hasDerivAt (L L₁ y xs : ℝ → ℝ) (t₀ dy dxs : ℝ)
    (hy : HasDerivAt y dy t₀) (hxs : HasDerivAt xs dxs t₀) (hL : HasDerivAt L (L₁ (y t₀)) (y t₀)) :
    HasDerivAt (fun t => 2 * t * L (y t) + (xs t - y t) ^ 2)
      (2 * L (y t₀) + 2 * t₀ * (L₁ (y t₀) * dy) + 2 * (xs t₀ - y t₀) * (dxs - dy)) t₀ := by
  have h₁ : HasDerivAt (fun t => L (y t)) (L₁ (y t₀) * dy) t₀ := hL.comp t₀ hy
  have h := (((hasDerivAt_id' t₀).const_mul 2).mul h₁).add ((hxs.sub hy).mul (hxs.sub hy))
  have e : (fun t => 2 * t * L (y t) + (xs t - y t) ^ 2) =
      fun t => 2 * t * L (y t) + (xs t - y t) * (xs t - y t) := by funext t; ring
  rw [e]
  exact h.congr_deriv (by ring)

/-- **shock.rankine_hugoniot**. If `t₀ > 0`, `t₀ L'(yᵢ) = x_s − yᵢ` at `t₀` (stationarity of the
Hopf–Lax minimizers) and the two Hopf–Lax values (times `2t`) tie for `t` near `t₀`, then with
`pᵢ = L'(yᵢ(t₀))`: `(p₁ − p₂) x_s' = (p₁² − p₂²)/2`. -/
theorem shock_rankine_hugoniot (L L₁ y₁ y₂ xs : ℝ → ℝ) (t₀ dy₁ dy₂ dxs : ℝ) (ht : 0 < t₀)
    (hy₁ : HasDerivAt y₁ dy₁ t₀) (hy₂ : HasDerivAt y₂ dy₂ t₀) (hxs : HasDerivAt xs dxs t₀)
    (hL₁ : HasDerivAt L (L₁ (y₁ t₀)) (y₁ t₀)) (hL₂ : HasDerivAt L (L₁ (y₂ t₀)) (y₂ t₀))
    (hs₁ : t₀ * L₁ (y₁ t₀) = xs t₀ - y₁ t₀) (hs₂ : t₀ * L₁ (y₂ t₀) = xs t₀ - y₂ t₀)
    (htie : ∀ᶠ t in 𝓝 t₀,
      2 * t * L (y₁ t) + (xs t - y₁ t) ^ 2 = 2 * t * L (y₂ t) + (xs t - y₂ t) ^ 2) :
    (L₁ (y₁ t₀) - L₁ (y₂ t₀)) * dxs = (L₁ (y₁ t₀) ^ 2 - L₁ (y₂ t₀) ^ 2) / 2 := by
  have D₁ := hopf_lax_value_hasDerivAt L L₁ y₁ xs t₀ dy₁ dxs hy₁ hxs hL₁
  have D₂ := hopf_lax_value_hasDerivAt L L₁ y₂ xs t₀ dy₂ dxs hy₂ hxs hL₂
  have E := (D₁.congr_of_eventuallyEq (htie.mono fun t h => h.symm)).unique D₂
  have T := htie.self_of_nhds
  rw [← hs₁, ← hs₂] at E T
  have ht2 : t₀ * t₀ ≠ 0 := mul_ne_zero ht.ne' ht.ne'
  apply mul_left_cancel₀ ht2
  linear_combination (t₀ / 2) * E - (1 / 2) * T

/-- The tilted double well `L(y) = (y² − 1)²/4 + y` of the Rankine–Hugoniot example. -/
noncomputable def rhL (y : ℝ) : ℝ := (y ^ 2 - 1) ^ 2 / 4 + y

/-- `L'(y) = y³ − y + 1` for `rhL`. -/
noncomputable def rhL₁ (y : ℝ) : ℝ := y ^ 3 - y + 1

/-- The left minimizer `y₁(t) = −√(1 − 1/t)` of the Rankine–Hugoniot example. -/
noncomputable def rhY₁ (t : ℝ) : ℝ := -Real.sqrt (1 - t⁻¹)

/-- The right minimizer `y₂(t) = √(1 − 1/t)` of the Rankine–Hugoniot example. -/
noncomputable def rhY₂ (t : ℝ) : ℝ := Real.sqrt (1 - t⁻¹)

/-- `rhL` has derivative `rhL₁` everywhere. -/
theorem hasDerivAt_rhL (y : ℝ) : HasDerivAt rhL (rhL₁ y) y := by
  have e : rhL = fun y => (y * y - 1) * (y * y - 1) / 4 + y := by
    funext z
    show (z ^ 2 - 1) ^ 2 / 4 + z = (z * z - 1) * (z * z - 1) / 4 + z
    ring
  have hsq := ((hasDerivAt_id' y).mul (hasDerivAt_id' y)).sub_const 1
  have h := ((hsq.mul hsq).div_const 4).add (hasDerivAt_id' y)
  rw [e]
  exact h.congr_deriv (by show _ = y ^ 3 - y + 1; ring)

/-- `√(1 − 1/t)` at `t = 4/3` is `1/2`. -/
theorem rh_sqrt_at : Real.sqrt (1 - (4 / 3 : ℝ)⁻¹) = 1 / 2 := by
  rw [show (1 : ℝ) - (4 / 3)⁻¹ = (1 / 2) ^ 2 by norm_num]
  exact Real.sqrt_sq (by norm_num)

/-- `y₂ = √(1 − 1/t)` has derivative `9/16` at `t = 4/3`. -/
theorem hasDerivAt_rhY₂ : HasDerivAt rhY₂ (9 / 16) (4 / 3) := by
  have hpos : (1 : ℝ) - (4 / 3)⁻¹ ≠ 0 := by norm_num
  have h := (((hasDerivAt_id' (4 / 3 : ℝ)).inv (by norm_num)).const_sub 1).sqrt hpos
  exact h.congr_deriv (by rw [rh_sqrt_at]; norm_num)

/-- `y₁ = −√(1 − 1/t)` has derivative `−9/16` at `t = 4/3`. -/
theorem hasDerivAt_rhY₁ : HasDerivAt rhY₁ (-(9 / 16)) (4 / 3) :=
  hasDerivAt_rhY₂.neg

/-- Non-vacuity of `shock_rankine_hugoniot`, mirroring the Coq example: a moving shock between
genuine minimizers. `L(y) = (y² − 1)²/4 + y` (the double well tilted by `1`), `x_s(t) = t`,
`y₁ = −√(1 − 1/t)`, `y₂ = √(1 − 1/t)`, `t₀ = 4/3`: every hypothesis holds, `yᵢ(t₀) = ∓1/2`
minimize `2t₀ L(y) + (x_s − y)²` over all `y` (the functional minus its minimum is
`(2/3)(y² − 1/4)²`), the two Hopf–Lax values tie for every `t`, and the slopes
`p₁ = 11/8`, `p₂ = 5/8` differ. -/
example :
    ∃ dy₁ dy₂ : ℝ, (0 : ℝ) < 4 / 3 ∧ HasDerivAt rhY₁ dy₁ (4 / 3) ∧ HasDerivAt rhY₂ dy₂ (4 / 3) ∧
      HasDerivAt (fun t : ℝ => t) 1 (4 / 3) ∧
      HasDerivAt rhL (rhL₁ (rhY₁ (4 / 3))) (rhY₁ (4 / 3)) ∧
      HasDerivAt rhL (rhL₁ (rhY₂ (4 / 3))) (rhY₂ (4 / 3)) ∧
      4 / 3 * rhL₁ (rhY₁ (4 / 3)) = 4 / 3 - rhY₁ (4 / 3) ∧
      4 / 3 * rhL₁ (rhY₂ (4 / 3)) = 4 / 3 - rhY₂ (4 / 3) ∧
      (∀ᶠ t in 𝓝 (4 / 3 : ℝ),
        2 * t * rhL (rhY₁ t) + (t - rhY₁ t) ^ 2 = 2 * t * rhL (rhY₂ t) + (t - rhY₂ t) ^ 2) ∧
      (∀ y, 2 * (4 / 3) * rhL (rhY₁ (4 / 3)) + (4 / 3 - rhY₁ (4 / 3)) ^ 2 ≤
        2 * (4 / 3) * rhL y + (4 / 3 - y) ^ 2) ∧
      (∀ y, 2 * (4 / 3) * rhL (rhY₂ (4 / 3)) + (4 / 3 - rhY₂ (4 / 3)) ^ 2 ≤
        2 * (4 / 3) * rhL y + (4 / 3 - y) ^ 2) ∧
      rhL₁ (rhY₁ (4 / 3)) ≠ rhL₁ (rhY₂ (4 / 3)) ∧
      (rhL₁ (rhY₁ (4 / 3)) - rhL₁ (rhY₂ (4 / 3))) * 1 =
        (rhL₁ (rhY₁ (4 / 3)) ^ 2 - rhL₁ (rhY₂ (4 / 3)) ^ 2) / 2 := by
  have E₁ : rhY₁ (4 / 3) = -(1 / 2) := by
    show -Real.sqrt (1 - (4 / 3 : ℝ)⁻¹) = -(1 / 2)
    rw [rh_sqrt_at]
  have E₂ : rhY₂ (4 / 3) = 1 / 2 := rh_sqrt_at
  have ht : (0 : ℝ) < 4 / 3 := by norm_num
  have D₄ : HasDerivAt rhL (rhL₁ (rhY₁ (4 / 3))) (rhY₁ (4 / 3)) := hasDerivAt_rhL _
  have D₅ : HasDerivAt rhL (rhL₁ (rhY₂ (4 / 3))) (rhY₂ (4 / 3)) := hasDerivAt_rhL _
  have S₁ : 4 / 3 * rhL₁ (rhY₁ (4 / 3)) = 4 / 3 - rhY₁ (4 / 3) := by
    rw [E₁]
    show 4 / 3 * ((-(1 / 2) : ℝ) ^ 3 - -(1 / 2) + 1) = 4 / 3 - -(1 / 2)
    norm_num
  have S₂ : 4 / 3 * rhL₁ (rhY₂ (4 / 3)) = 4 / 3 - rhY₂ (4 / 3) := by
    rw [E₂]
    show 4 / 3 * ((1 / 2 : ℝ) ^ 3 - 1 / 2 + 1) = 4 / 3 - 1 / 2
    norm_num
  have T : ∀ᶠ t in 𝓝 (4 / 3 : ℝ),
      2 * t * rhL (rhY₁ t) + (t - rhY₁ t) ^ 2 = 2 * t * rhL (rhY₂ t) + (t - rhY₂ t) ^ 2 :=
    Eventually.of_forall fun t => by
      show 2 * t * (((-Real.sqrt (1 - t⁻¹)) ^ 2 - 1) ^ 2 / 4 + -Real.sqrt (1 - t⁻¹)) +
          (t - -Real.sqrt (1 - t⁻¹)) ^ 2 =
        2 * t * ((Real.sqrt (1 - t⁻¹) ^ 2 - 1) ^ 2 / 4 + Real.sqrt (1 - t⁻¹)) +
          (t - Real.sqrt (1 - t⁻¹)) ^ 2
      ring
  have M₁ : ∀ y, 2 * (4 / 3) * rhL (rhY₁ (4 / 3)) + (4 / 3 - rhY₁ (4 / 3)) ^ 2 ≤
      2 * (4 / 3) * rhL y + (4 / 3 - y) ^ 2 := by
    intro y
    rw [E₁]
    show 2 * (4 / 3) * (((-(1 / 2) : ℝ) ^ 2 - 1) ^ 2 / 4 + -(1 / 2)) + (4 / 3 - -(1 / 2)) ^ 2 ≤
      2 * (4 / 3) * ((y ^ 2 - 1) ^ 2 / 4 + y) + (4 / 3 - y) ^ 2
    nlinarith [sq_nonneg (y ^ 2 - 1 / 4)]
  have M₂ : ∀ y, 2 * (4 / 3) * rhL (rhY₂ (4 / 3)) + (4 / 3 - rhY₂ (4 / 3)) ^ 2 ≤
      2 * (4 / 3) * rhL y + (4 / 3 - y) ^ 2 := by
    intro y
    rw [E₂]
    show 2 * (4 / 3) * (((1 / 2 : ℝ) ^ 2 - 1) ^ 2 / 4 + 1 / 2) + (4 / 3 - 1 / 2) ^ 2 ≤
      2 * (4 / 3) * ((y ^ 2 - 1) ^ 2 / 4 + y) + (4 / 3 - y) ^ 2
    nlinarith [sq_nonneg (y ^ 2 - 1 / 4)]
  have N : rhL₁ (rhY₁ (4 / 3)) ≠ rhL₁ (rhY₂ (4 / 3)) := by
    rw [E₁, E₂]
    show ((-(1 / 2) : ℝ) ^ 3 - -(1 / 2) + 1) ≠ (1 / 2) ^ 3 - 1 / 2 + 1
    norm_num
  exact ⟨-(9 / 16), 9 / 16, ht, hasDerivAt_rhY₁, hasDerivAt_rhY₂, hasDerivAt_id' _, D₄, D₅, S₁,
    S₂, T, M₁, M₂, N,
    shock_rankine_hugoniot rhL rhL₁ rhY₁ rhY₂ (fun t => t) (4 / 3) (-(9 / 16)) (9 / 16) 1 ht
      hasDerivAt_rhY₁ hasDerivAt_rhY₂ (hasDerivAt_id' _) D₄ D₅ S₁ S₂ T⟩

/-! ### shock.leaf_time: the shock time on the Noether leaf -/

/-- (i) on an interval: `L'' ≥ m` on `(a, b)`, `t ≥ 0`, `1 + t m > 0` ⇒ `y ↦ y + t L'(y)` is
strictly increasing on `(a, b)` (Lagrange's mean value theorem on `[y₁, y₂] ⊂ (a, b)`). -/
theorem shock_time_monotone_on (L₁ L₂ : ℝ → ℝ) (a b m t : ℝ)
    (hL : ∀ y, a < y → y < b → HasDerivAt L₁ (L₂ y) y) (hm : ∀ y, a < y → y < b → m ≤ L₂ y)
    (ht : 0 ≤ t) (htm : 0 < 1 + t * m) :
    ∀ y₁ y₂, a < y₁ → y₁ < y₂ → y₂ < b → y₁ + t * L₁ y₁ < y₂ + t * L₁ y₂ := by
  intro y₁ y₂ ha hy hb
  have hd : ∀ y, a < y → y < b → HasDerivAt (fun z => z + t * L₁ z) (1 + t * L₂ y) y :=
    fun y h₁ h₂ => (hasDerivAt_id' y).add ((hL y h₁ h₂).const_mul t)
  obtain ⟨c, hc, hslope⟩ := exists_hasDerivAt_eq_slope (fun z => z + t * L₁ z)
    (fun y => 1 + t * L₂ y) hy
    (fun z hz => (hd z (by linarith [hz.1]) (by linarith [hz.2])).continuousAt.continuousWithinAt)
    (fun z hz => hd z (by linarith [hz.1]) (by linarith [hz.2]))
  have hpos : 0 < 1 + t * L₂ c := by
    nlinarith [mul_le_mul_of_nonneg_left (hm c (by linarith [hc.1]) (by linarith [hc.2])) ht]
  have hne : y₂ - y₁ ≠ 0 := (sub_pos.mpr hy).ne'
  -- `exact` accepts the beta-redexes `(fun z => z + t * L₁ z) y₂` of `hslope` up to defeq
  have key : (1 + t * L₂ c) * (y₂ - y₁) = (y₂ + t * L₁ y₂) - (y₁ + t * L₁ y₁) := by
    rw [eq_div_iff hne] at hslope
    exact hslope
  nlinarith [mul_pos hpos (sub_pos.mpr hy)]

/-- (ii), localised: if `L'` has derivative `d < 0` at `y₀` and `1 + t d < 0`, then for every
`ε > 0` two characteristics from `y₀ ∓ h` with `h < ε` cross at some `s ∈ (0, t)`. -/
theorem shock_time_crossing_near (L₁ : ℝ → ℝ) (y₀ d t ε : ℝ) (hL : HasDerivAt L₁ d y₀)
    (hd : d < 0) (htd : 1 + t * d < 0) (hε : 0 < ε) :
    ∃ y₁ y₂ s, y₀ - ε < y₁ ∧ y₁ < y₂ ∧ y₂ < y₀ + ε ∧ 0 < s ∧ s < t ∧
      y₁ + s * L₁ y₁ = y₂ + s * L₁ y₂ := by
  have ht : 0 < t := by nlinarith
  have ht0 : t ≠ 0 := ht.ne'
  obtain ⟨k, hk0, hk⟩ : ∃ k : ℝ, 0 < k ∧ t * (d + k) = (t * d - 1) / 2 :=
    ⟨-(1 + t * d) / (2 * t), div_pos (by linarith) (by linarith), by
      linear_combination (1 / 2) * div_mul_cancel₀ (-(1 + t * d)) (mul_ne_zero two_ne_zero ht0)⟩
  have hev : ∀ᶠ y in 𝓝[≠] y₀, slope L₁ y₀ y < d + k :=
    (hasDerivAt_iff_tendsto_slope.mp hL) (Iio_mem_nhds (by linarith))
  obtain ⟨δ, hδ, hball⟩ := Metric.eventually_nhds_iff.mp (eventually_nhdsWithin_iff.mp hev)
  obtain ⟨h, hh, hhδ, hhε⟩ : ∃ h : ℝ, 0 < h ∧ h < δ ∧ h < ε :=
    ⟨min δ ε / 2, half_pos (lt_min hδ hε),
      lt_of_lt_of_le (half_lt_self (lt_min hδ hε)) (min_le_left δ ε),
      lt_of_lt_of_le (half_lt_self (lt_min hδ hε)) (min_le_right δ ε)⟩
  have q₂ := hball
    (show dist (y₀ + h) y₀ < δ by
      rw [Real.dist_eq, show y₀ + h - y₀ = h by ring, abs_of_pos hh]; exact hhδ)
    (mem_compl_singleton_iff.mpr (ne_of_gt (by linarith)))
  have q₁ := hball
    (show dist (y₀ - h) y₀ < δ by
      rw [Real.dist_eq, show y₀ - h - y₀ = -h by ring, abs_neg, abs_of_pos hh]; exact hhδ)
    (mem_compl_singleton_iff.mpr (ne_of_lt (by linarith)))
  rw [slope_def_field, show y₀ + h - y₀ = h by ring, div_lt_iff₀ hh] at q₂
  rw [slope_comm, slope_def_field, show y₀ - (y₀ - h) = h by ring, div_lt_iff₀ hh] at q₁
  have hb : -2 * (d + k) * h < L₁ (y₀ - h) - L₁ (y₀ + h) := by linarith
  have hneg : d + k < 0 := by nlinarith
  have hD : 0 < L₁ (y₀ - h) - L₁ (y₀ + h) := by nlinarith
  have hD' := hD.ne'
  refine ⟨y₀ - h, y₀ + h, 2 * h / (L₁ (y₀ - h) - L₁ (y₀ + h)), by linarith, by linarith,
    by linarith, div_pos (by linarith) hD, ?_, ?_⟩
  · rw [div_lt_iff₀ hD]
    have e3 : t * (d + k) * h = (t * d - 1) / 2 * h := by rw [hk]
    nlinarith [mul_lt_mul_of_pos_left hb ht, mul_lt_mul_of_pos_right htd hh]
  · have e : 2 * h / (L₁ (y₀ - h) - L₁ (y₀ + h)) * (L₁ (y₀ - h) - L₁ (y₀ + h)) = 2 * h :=
      div_mul_cancel₀ (2 * h) hD'
    linear_combination e

/-- **shock.leaf_time**. On an arclength chart `(a, b)` of the leaf `u² - v² = c`
(`w' = q`, `q' = dq`, `q⁴ = c² + 4w²`, `q > 0`), the leaf loss `F_c = f ∘ w` has
`F_c' = f'(w) q` and `F_c'' = f''(w) q² + f'(w) q'` with `q² F_c'' = f''(w)(c² + 4w²) + 2w f'(w)`
(`entropy_leaf`); `shock_time` holds for `F_c` on the chart: (i) `F_c'' ≥ m`, `1 + t m > 0` ⇒
no crossing; (ii) `F_c''(y₀) < 0`, `1 + t F_c''(y₀) < 0` ⇒ two characteristics in the chart cross
before `t`. For `f = (w - 1)²/2`: the numerator is `≥ 0` for every `w` iff `c² ≥ 1/6`, and then
no characteristics in the chart ever cross. -/
theorem shock_leaf_time (f f₁ f₂ w q dq : ℝ → ℝ) (c a b : ℝ) (hf : ∀ z, HasDerivAt f (f₁ z) z)
    (hf₁ : ∀ z, HasDerivAt f₁ (f₂ z) z)
    (hleaf : ∀ r, a < r → r < b → HasDerivAt w (q r) r ∧ HasDerivAt q (dq r) r ∧
      q r ^ 4 = c ^ 2 + 4 * w r ^ 2 ∧ 0 < q r) :
    (∀ r, a < r → r < b → HasDerivAt (fun x => f (w x)) (f₁ (w r) * q r) r ∧
      HasDerivAt (fun x => f₁ (w x) * q x) (f₂ (w r) * q r ^ 2 + f₁ (w r) * dq r) r ∧
      q r ^ 2 * (f₂ (w r) * q r ^ 2 + f₁ (w r) * dq r) =
        f₂ (w r) * (c ^ 2 + 4 * w r ^ 2) + 2 * w r * f₁ (w r)) ∧
    (∀ m t, (∀ r, a < r → r < b → m ≤ f₂ (w r) * q r ^ 2 + f₁ (w r) * dq r) → 0 ≤ t →
      0 < 1 + t * m → ∀ y₁ y₂, a < y₁ → y₁ < y₂ → y₂ < b →
        y₁ + t * (f₁ (w y₁) * q y₁) < y₂ + t * (f₁ (w y₂) * q y₂)) ∧
    (∀ y₀ t, a < y₀ → y₀ < b → f₂ (w y₀) * q y₀ ^ 2 + f₁ (w y₀) * dq y₀ < 0 →
      1 + t * (f₂ (w y₀) * q y₀ ^ 2 + f₁ (w y₀) * dq y₀) < 0 →
      ∃ y₁ y₂ s, a < y₁ ∧ y₁ < y₂ ∧ y₂ < b ∧ 0 < s ∧ s < t ∧
        y₁ + s * (f₁ (w y₁) * q y₁) = y₂ + s * (f₁ (w y₂) * q y₂)) ∧
    ((∀ z, f₁ z = z - 1) → (∀ z, f₂ z = 1) →
      (1 / 6 ≤ c ^ 2 ↔ ∀ z, 0 ≤ f₂ z * (c ^ 2 + 4 * z ^ 2) + 2 * z * f₁ z) ∧
      (1 / 6 ≤ c ^ 2 → ∀ t y₁ y₂, 0 ≤ t → a < y₁ → y₁ < y₂ → y₂ < b →
        y₁ + t * (f₁ (w y₁) * q y₁) < y₂ + t * (f₁ (w y₂) * q y₂))) := by
  -- the chart is open: each of its points has a neighbourhood inside it
  have hnhds : ∀ r, a < r → r < b → ∀ᶠ x in 𝓝 r, a < x ∧ x < b := fun r h₁ h₂ =>
    (eventually_gt_nhds h₁).and (eventually_lt_nhds h₂)
  have hloc : ∀ r, a < r → r < b → HasDerivAt (fun x => f (w x)) (f₁ (w r) * q r) r ∧
      HasDerivAt (fun x => f₁ (w x) * q x) (f₂ (w r) * q r ^ 2 + f₁ (w r) * dq r) r ∧
      q r ^ 2 * (f₂ (w r) * q r ^ 2 + f₁ (w r) * dq r) =
        f₂ (w r) * (c ^ 2 + 4 * w r ^ 2) + 2 * w r * f₁ (w r) := by
    intro r h₁ h₂
    obtain ⟨-, hq, -, hpos⟩ := hleaf r h₁ h₂
    have h := entropy_leaf f f₁ f₂ w q c r (dq r) hf (hf₁ (w r))
      ((hnhds r h₁ h₂).mono fun x hx => (hleaf x hx.1 hx.2).1) hq
      ((hnhds r h₁ h₂).mono fun x hx => (hleaf x hx.1 hx.2).2.2.1) hpos
    exact ⟨h.1.self_of_nhds, h.2.1, h.2.2⟩
  have hmono : ∀ m t, (∀ r, a < r → r < b → m ≤ f₂ (w r) * q r ^ 2 + f₁ (w r) * dq r) →
      0 ≤ t → 0 < 1 + t * m → ∀ y₁ y₂, a < y₁ → y₁ < y₂ → y₂ < b →
        y₁ + t * (f₁ (w y₁) * q y₁) < y₂ + t * (f₁ (w y₂) * q y₂) := fun m t hm ht htm =>
    shock_time_monotone_on (fun x => f₁ (w x) * q x)
      (fun x => f₂ (w x) * q x ^ 2 + f₁ (w x) * dq x) a b m t
      (fun y h₁ h₂ => (hloc y h₁ h₂).2.1) hm ht htm
  refine ⟨hloc, hmono, fun y₀ t h₁ h₂ hd htd => ?_, fun e₁ e₂ => ?_⟩
  · have hε : 0 < min (y₀ - a) (b - y₀) := lt_min (by linarith) (by linarith)
    obtain ⟨y₁, y₂, s, hy₁, hy, hy₂, hs, hst, heq⟩ :=
      shock_time_crossing_near (fun x => f₁ (w x) * q x) y₀ _ t _ (hloc y₀ h₁ h₂).2.1 hd htd hε
    have m₁ := min_le_left (y₀ - a) (b - y₀)
    have m₂ := min_le_right (y₀ - a) (b - y₀)
    exact ⟨y₁, y₂, s, by linarith, hy, by linarith, hs, hst, heq⟩
  · have hiff : 1 / 6 ≤ c ^ 2 ↔ ∀ z, 0 ≤ f₂ z * (c ^ 2 + 4 * z ^ 2) + 2 * z * f₁ z := by
      constructor
      · intro hc z
        rw [e₁, e₂]
        nlinarith [sq_nonneg (z - 1 / 6)]
      · intro h
        have h₀ := h (1 / 6)
        rw [e₁, e₂] at h₀
        linarith
    refine ⟨hiff, fun hc t y₁ y₂ ht ha hy hb => hmono 0 t (fun r h₁ h₂ => ?_) ht
      (by linarith) y₁ y₂ ha hy hb⟩
    obtain ⟨-, -, hE⟩ := hloc r h₁ h₂
    have hq2 : 0 < q r ^ 2 := pow_pos (hleaf r h₁ h₂).2.2.2 2
    have hN := hiff.mp hc (w r)
    nlinarith

/-- Non-vacuity of `shock_leaf_time`: the balanced leaf `c = 0` on the chart `(0, 2)`,
`w = s²/2`, `q = s`, `dq = 1`, `f(w) = (w - 1)²/2`; `F₀''(1/2) = -5/8 < 0`, so two
characteristics in the chart cross before `t = 2`, and `c² = 0 < 1/6` is outside the convex
range. -/
example : (∃ y₁ y₂ s : ℝ, 0 < y₁ ∧ y₁ < y₂ ∧ y₂ < 2 ∧ 0 < s ∧ s < 2 ∧
      y₁ + s * ((y₁ ^ 2 / 2 - 1) * y₁) = y₂ + s * ((y₂ ^ 2 / 2 - 1) * y₂)) ∧
    ¬ (1 / 6 ≤ (0 : ℝ) ^ 2) := by
  have hf : ∀ z : ℝ, HasDerivAt (fun z => (z - 1) ^ 2 / 2) (z - 1) z := fun z => by
    have e : (fun z : ℝ => (z - 1) ^ 2 / 2) = fun z => (z - 1) * (z - 1) / 2 := by
      funext z; ring
    rw [e]
    exact ((((hasDerivAt_id' z).sub_const 1).mul ((hasDerivAt_id' z).sub_const 1)).div_const 2)
      |>.congr_deriv (by ring)
  have hw : ∀ r : ℝ, HasDerivAt (fun r : ℝ => r ^ 2 / 2) r r := fun r => by
    have e : (fun r : ℝ => r ^ 2 / 2) = fun r => r * r / 2 := by funext r; ring
    rw [e]
    exact (((hasDerivAt_id' r).mul (hasDerivAt_id' r)).div_const 2).congr_deriv (by ring)
  obtain ⟨-, -, hcross, -⟩ := shock_leaf_time (fun z => (z - 1) ^ 2 / 2) (fun z => z - 1)
    (fun _ => 1) (fun r => r ^ 2 / 2) (fun r => r) (fun _ => 1) 0 0 2 hf
    (fun z => (hasDerivAt_id' z).sub_const 1)
    (fun r h₁ _ => ⟨hw r, hasDerivAt_id' r,
      show r ^ 4 = (0 : ℝ) ^ 2 + 4 * (r ^ 2 / 2) ^ 2 by ring, h₁⟩)
  exact ⟨hcross (1 / 2) 2 (by norm_num) (by norm_num) (by norm_num) (by norm_num),
    by norm_num⟩

end SymShock
