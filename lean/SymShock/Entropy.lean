/-
Copyright (c) 2026 symshock contributors. All rights reserved.
Released under Apache 2.0 license.
-/
import Mathlib.Analysis.Calculus.Deriv.Inv
import Mathlib.Analysis.SpecialFunctions.Log.Deriv
import Mathlib.Analysis.SpecialFunctions.ExpDeriv
import Mathlib.Analysis.Calculus.LocalExtr.Basic
import Mathlib.Analysis.Calculus.Deriv.Mul
import Mathlib.Analysis.Calculus.Deriv.Comp
import Mathlib.Analysis.SpecialFunctions.Sqrt
import Mathlib.Analysis.SpecialFunctions.Trigonometric.Basic

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
* `SymShock.entropy_hopf_lax`: for a minimizer `ys x` of `2t L(y) + (x − y)²` at every `x`,
  the first-order condition `t L'(ys x) = x − ys x` and the semiconcavity of the Hopf–Lax value
  (`Φ(x) − x²` concave, `Φ = 2t u⁰`).
* `SymShock.entropy_leaf`: on the leaf `u² − v² = c` in arclength, `q² F_c'' = f''(w)(c² + 4w²) +
  2w f'(w)` with `q⁴ = c² + 4w²`.
* `SymShock.heat_kernel_solves_heat` (a piece of `entropy.viscous_hj`): for `ν > 0`, `t > 0` the
  heat kernel `G(t, z) = exp(−z²/(4νt))/√(4πνt)` has partial derivatives `G_t`, `G_z`, `G_zz`
  (derived) with `G_t = ν G_zz`. The Coq theorems that differentiate `∫ₐᵇ G(t, x − y) g(y) dy`
  under the integral sign (`entropy_heat_integral`, `entropy_viscous_hj_integral`) have no Lean
  twin: Mathlib's `hasDerivAt_integral_of_dominated_loc_of_deriv_le` would need measurability and
  an integrable bound of the kernel's derivatives, which are not written here.

## Implementation notes

The statement is the Coq statement word for word, with `is_derive f x l` read as
`HasDerivAt f l x`. The logarithm is only applied where `w > 0` (hypothesis `hpos`).
The converse direction and the `n`-dimensional identity are not formalized.

## Riskiest steps (none elaborated here; why we expect each to elaborate)

* `entropy_leaf`: `h₄.congr_of_eventuallyEq (hleaf.mono fun r h => h.symm)` passes an
  `∀ᶠ r, c² + 4 w r² = q r ^ 4` where `f₁ =ᶠ[𝓝 x] f` is expected; `Filter.EventuallyEq` is by
  definition `∀ᶠ x in l, f x = g x` (Mathlib/Order/Filter/Basic.lean), and `Shock.lean`'s
  Rankine–Hugoniot proof uses the same pattern. `linear_combination E / 4` divides by a numeral.
* `entropy_leaf`: `(hf (w r)).comp r hr` has function `f ∘ w`, accepted for `fun x => f (w x)`
  by unfolding `Function.comp` (as in `Shock.lean`'s `hopf_lax_value_hasDerivAt`).
* `entropy_hopf_lax` (semiconcavity): one `nlinarith` call whose two hints are the scaled
  minimality inequalities; the remaining step is linear after `ring_nf`.
* The `entropy_leaf` example: leaf identities are closed by `show … by ring` on the
  beta-reduced statement, never by `ring` on beta-redexes.
* `entropy_cole_hopf`, `entropy_viscous_hj`: `field_simp <;> ring` with the `≠ 0` facts in
  context (`hw`, `hD`); `field_simp` may close the goal itself, which `<;>` tolerates.
* `heat_kernel_solves_heat`: the kernel is rewritten with `z * z` for `z ^ 2` (`hk`, by `rw
  [heatKernel, sq]`) so that the exponential is one `ring` atom in every value. The derivative of
  `√(4πνs)` is first brought to `√(4πνt)/(2t)` (`div_eq_div_iff`, then `linear_combination (-2) *
  hS2` with `hS2 : √(4πνt) ^ 2 = 4πνt`), after which every remaining step is a field identity in
  the atoms `exp(…)` and `√(4πνt)`, closed by `field_simp <;> ring` with `ν ≠ 0`, `t ≠ 0` and
  `√(4πνt) ≠ 0` in context. `positivity` proves `4πνt > 0` from `hν`, `ht` and its `Real.pi`
  extension.

## References

* E. Hopf, *The partial differential equation u_t + u u_x = μ u_xx* (1950);
  J. D. Cole (1951); L. C. Evans, *Partial Differential Equations*, §4.4.
-/

open Filter Topology

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

/-- The first-order condition of the Hopf–Lax minimization: if `y₀` minimizes
`Ψ(y) = 2t L(y) + (x − y)²` and `L` has derivative `L₁ y₀` at `y₀`, then `t L₁(y₀) = x − y₀`. -/
theorem hopf_lax_first_order (L L₁ : ℝ → ℝ) (t x y₀ : ℝ) (hL : HasDerivAt L (L₁ y₀) y₀)
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

/-- **entropy.hopf_lax**. Let `ys x` minimize `Ψ_x(y) = 2t L(y) + (x − y)²` for every `x` (the
Hopf–Lax functional times `2t`), so `Φ(x) = Ψ_x(ys x)` is `2t` times the Hopf–Lax value. Then
(1) where `L` is differentiable at `ys x`, `t L'(ys x) = x − ys x` (the gradient formula
`p = (x − ys x)/t = L'(ys x)`); (2) `Φ(x) − x²` is concave (semiconcavity of `u⁰` with
constant `1/t`). -/
theorem entropy_hopf_lax (L L₁ ys : ℝ → ℝ) (t : ℝ)
    (hmin : ∀ x y, 2 * t * L (ys x) + (x - ys x) ^ 2 ≤ 2 * t * L y + (x - y) ^ 2) :
    (∀ x, HasDerivAt L (L₁ (ys x)) (ys x) → t * L₁ (ys x) = x - ys x) ∧
    (∀ x₁ x₂ lam : ℝ, 0 ≤ lam → lam ≤ 1 →
      lam * (2 * t * L (ys x₁) + (x₁ - ys x₁) ^ 2 - x₁ ^ 2) +
          (1 - lam) * (2 * t * L (ys x₂) + (x₂ - ys x₂) ^ 2 - x₂ ^ 2) ≤
        2 * t * L (ys (lam * x₁ + (1 - lam) * x₂)) +
          (lam * x₁ + (1 - lam) * x₂ - ys (lam * x₁ + (1 - lam) * x₂)) ^ 2 -
          (lam * x₁ + (1 - lam) * x₂) ^ 2) := by
  refine ⟨fun x hL => hopf_lax_first_order L L₁ t x (ys x) hL (hmin x), fun x₁ x₂ lam h₀ h₁ => ?_⟩
  have A₁ := hmin x₁ (ys (lam * x₁ + (1 - lam) * x₂))
  have A₂ := hmin x₂ (ys (lam * x₁ + (1 - lam) * x₂))
  nlinarith [mul_le_mul_of_nonneg_left A₁ h₀, mul_le_mul_of_nonneg_left A₂ (sub_nonneg.mpr h₁)]

/-- Non-vacuity of `entropy_hopf_lax`: `L(y) = y²/2`, `t = 1`, `ys(x) = x/2` minimizes
`y² + (x − y)²` for every `x`; at `x = 2` the gradient is `L'(1) = 1 = 2 − 1`. -/
example : (1 : ℝ) * (2 / 2) = 2 - 2 / 2 := by
  have hmin : ∀ x y : ℝ, 2 * 1 * ((x / 2) ^ 2 / 2) + (x - x / 2) ^ 2 ≤ 2 * 1 * (y ^ 2 / 2) + (x - y) ^ 2 :=
    fun x y => by nlinarith [sq_nonneg (y - x / 2)]
  have hL : HasDerivAt (fun y : ℝ => y ^ 2 / 2) (2 / 2) (2 / 2) := by
    have e : (fun y : ℝ => y ^ 2 / 2) = fun y => y * y / 2 := by funext y; ring
    rw [e]
    exact (((hasDerivAt_id' (2 / 2 : ℝ)).mul (hasDerivAt_id' _)).div_const 2).congr_deriv (by ring)
  exact (entropy_hopf_lax (fun y => y ^ 2 / 2) (fun y => y) (fun x => x / 2) 1 hmin).1 2 hL

/-! ### entropy.leaf: the leaf loss in arclength -/

/-- **entropy.leaf** (the curvature identity, division-free). Let `w` be the arclength
parametrisation of the leaf `u² - v² = c` in the coordinate `w = uv`: `w' = q` near `s` with
`q⁴ = c² + 4w²` near `s` and `q s > 0` (so `ds/dw = (c² + 4w²)^(-1/4)`). Then
`F_c = f ∘ w` has `F_c' = f'(w) q` near `s`, `F_c'' = f''(w) q² + f'(w) q'` at `s`, and
`q² F_c'' = f''(w)(c² + 4w²) + 2w f'(w)`. -/
theorem entropy_leaf (f f₁ f₂ w q : ℝ → ℝ) (c s dq : ℝ) (hf : ∀ z, HasDerivAt f (f₁ z) z)
    (hf₁ : HasDerivAt f₁ (f₂ (w s)) (w s)) (hw : ∀ᶠ r in 𝓝 s, HasDerivAt w (q r) r)
    (hq : HasDerivAt q dq s) (hleaf : ∀ᶠ r in 𝓝 s, q r ^ 4 = c ^ 2 + 4 * w r ^ 2)
    (hpos : 0 < q s) :
    (∀ᶠ r in 𝓝 s, HasDerivAt (fun x => f (w x)) (f₁ (w r) * q r) r) ∧
    HasDerivAt (fun r => f₁ (w r) * q r) (f₂ (w s) * q s ^ 2 + f₁ (w s) * dq) s ∧
    q s ^ 2 * (f₂ (w s) * q s ^ 2 + f₁ (w s) * dq) =
      f₂ (w s) * (c ^ 2 + 4 * w s ^ 2) + 2 * w s * f₁ (w s) := by
  have hws : HasDerivAt w (q s) s := hw.self_of_nhds
  refine ⟨hw.mono fun r hr => (hf (w r)).comp r hr, ((hf₁.comp s hws).mul hq).congr_deriv (by ring),
    ?_⟩
  -- differentiate the leaf identity: `4 q³ q' = 8 w q`, so `q² q' = 2 w`
  have h₄ : HasDerivAt (fun r => q r ^ 4) (4 * q s ^ 3 * dq) s := by
    have e : (fun r => q r ^ 4) = fun r => q r * q r * (q r * q r) := by funext r; ring
    rw [e]
    exact ((hq.mul hq).mul (hq.mul hq)).congr_deriv (by ring)
  have hr : HasDerivAt (fun r => c ^ 2 + 4 * w r ^ 2) (8 * w s * q s) s := by
    have e : (fun r => c ^ 2 + 4 * w r ^ 2) = fun r => c ^ 2 + 4 * (w r * w r) := by
      funext r; ring
    rw [e]
    exact (((hws.mul hws).const_mul 4).const_add (c ^ 2)).congr_deriv (by ring)
  have E : 4 * q s ^ 3 * dq = 8 * w s * q s :=
    (h₄.congr_of_eventuallyEq (hleaf.mono fun r h => h.symm)).unique hr
  have hprod : q s * (q s ^ 2 * dq - 2 * w s) = 0 := by linear_combination E / 4
  have hq₂ : q s ^ 2 * dq = 2 * w s := by
    rcases mul_eq_zero.mp hprod with h | h
    · exact absurd h hpos.ne'
    · linarith
  have L₀ : q s ^ 4 = c ^ 2 + 4 * w s ^ 2 := hleaf.self_of_nhds
  linear_combination f₂ (w s) * L₀ + f₁ (w s) * hq₂

/-- Non-vacuity of `entropy_leaf`: the balanced leaf `c = 0` (the ray `u = v > 0`) in arclength,
`w = s²/2`, `q = s`, with `f(w) = (w - 1)²/2` at `s = 1`: `F₀''(1) = 2w f''(w) + f'(w) = 1/2`. -/
example :
    HasDerivAt (fun r : ℝ => (r ^ 2 / 2 - 1) * r) (1 * 1 ^ 2 + (1 ^ 2 / 2 - 1) * 1) 1 ∧
      (1 : ℝ) * 1 ^ 2 + (1 ^ 2 / 2 - 1) * 1 = 1 / 2 := by
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
  have h := entropy_leaf (fun z => (z - 1) ^ 2 / 2) (fun z => z - 1) (fun _ => 1)
    (fun r => r ^ 2 / 2) (fun r => r) 0 1 1 hf
    ((hasDerivAt_id' _).sub_const 1)
    (Filter.Eventually.of_forall hw) (hasDerivAt_id' 1)
    (Filter.Eventually.of_forall fun r => show r ^ 4 = (0 : ℝ) ^ 2 + 4 * (r ^ 2 / 2) ^ 2 by ring)
    one_pos
  exact ⟨h.2.1, by norm_num⟩

/-! ### The heat kernel solves the heat equation -/

/-- The heat kernel `G(t, z) = exp(−z²/(4νt)) / √(4πνt)` (variance `2νt`), as in `proofs/Entropy.v`. -/
noncomputable def heatKernel (ν t z : ℝ) : ℝ :=
  Real.exp (-z ^ 2 / (4 * ν * t)) / Real.sqrt (4 * Real.pi * ν * t)

/-- **entropy.viscous_hj** (a piece, the integrand of the local entropy): for `ν > 0` and `t > 0`
the heat kernel has partial derivatives `G_t` at `(t, z)`, `G_z` on the slice `t` and `G_zz` at
`z`, with `G_t = ν G_zz`. -/
theorem heat_kernel_solves_heat (ν t z : ℝ) (hν : 0 < ν) (ht : 0 < t) :
    ∃ (Gt : ℝ) (Gz : ℝ → ℝ) (Gzz : ℝ),
      HasDerivAt (fun s => heatKernel ν s z) Gt t ∧
      (∀ y, HasDerivAt (fun y => heatKernel ν t y) (Gz y) y) ∧
      HasDerivAt Gz Gzz z ∧ Gt = ν * Gzz := by
  have hk : ∀ s w, heatKernel ν s w =
      Real.exp (-(w * w) / (4 * ν * s)) / Real.sqrt (4 * Real.pi * ν * s) := by
    intro s w
    rw [heatKernel, sq]
  have hν0 : ν ≠ 0 := hν.ne'
  have ht0 : t ≠ 0 := ht.ne'
  have hp : 0 < 4 * Real.pi * ν * t := by positivity
  have hS : 0 < Real.sqrt (4 * Real.pi * ν * t) := Real.sqrt_pos.mpr hp
  have hS0 : Real.sqrt (4 * Real.pi * ν * t) ≠ 0 := hS.ne'
  have hS2 : Real.sqrt (4 * Real.pi * ν * t) ^ 2 = 4 * Real.pi * ν * t := Real.sq_sqrt hp.le
  -- `y ↦ exp(−y²/(4νt))`
  have hE : ∀ y, HasDerivAt (fun y => Real.exp (-(y * y) / (4 * ν * t)))
      (Real.exp (-(y * y) / (4 * ν * t)) * (-(1 * y + y * 1) / (4 * ν * t))) y :=
    fun y => (((hasDerivAt_id' y).mul (hasDerivAt_id' y)).neg.div_const (4 * ν * t)).exp
  refine ⟨Real.exp (-(z * z) / (4 * ν * t)) * (z * z / (4 * ν * t ^ 2)) /
        Real.sqrt (4 * Real.pi * ν * t) -
      Real.exp (-(z * z) / (4 * ν * t)) / Real.sqrt (4 * Real.pi * ν * t) * (1 / (2 * t)),
    fun y => -y / (2 * ν * t) * Real.exp (-(y * y) / (4 * ν * t)) /
      Real.sqrt (4 * Real.pi * ν * t),
    (-1 / (2 * ν * t) + z * z / (4 * ν ^ 2 * t ^ 2)) * Real.exp (-(z * z) / (4 * ν * t)) /
      Real.sqrt (4 * Real.pi * ν * t), ?_, ?_, ?_, ?_⟩
  · -- `G_t`: the exponential and the normalisation both depend on `s`
    have hS' : HasDerivAt (fun s => Real.sqrt (4 * Real.pi * ν * s))
        (Real.sqrt (4 * Real.pi * ν * t) / (2 * t)) t := by
      have h := ((hasDerivAt_id' t).const_mul (4 * Real.pi * ν)).sqrt hp.ne'
      refine h.congr_deriv ?_
      rw [div_eq_div_iff (by positivity) (by positivity)]
      linear_combination (-2) * hS2
    have h4 : 4 * ν * t ≠ 0 := by positivity
    have hA := (hasDerivAt_const t (-(z * z))).div ((hasDerivAt_id' t).const_mul (4 * ν)) h4
    have h := hA.exp.div hS' hS0
    have e : (fun s => heatKernel ν s z) =
        fun s => Real.exp (-(z * z) / (4 * ν * s)) / Real.sqrt (4 * Real.pi * ν * s) :=
      funext fun s => hk s z
    rw [e]
    exact h.congr_deriv (by field_simp <;> ring)
  · -- `G_z` on the slice `t`
    intro y
    have e : (fun y => heatKernel ν t y) =
        fun y => Real.exp (-(y * y) / (4 * ν * t)) / Real.sqrt (4 * Real.pi * ν * t) :=
      funext fun w => hk t w
    rw [e]
    exact ((hE y).div_const (Real.sqrt (4 * Real.pi * ν * t))).congr_deriv
      (by field_simp <;> ring)
  · -- `G_zz` at `z`
    have h := ((((hasDerivAt_id' z).neg).div_const (2 * ν * t)).mul (hE z)).div_const
      (Real.sqrt (4 * Real.pi * ν * t))
    exact h.congr_deriv (by field_simp <;> ring)
  · -- the heat equation
    field_simp <;> ring

/-- Non-vacuity of `heat_kernel_solves_heat`: `ν = 1`, `t = 1`, `z = 1`. -/
example : ∃ (Gt : ℝ) (Gz : ℝ → ℝ) (Gzz : ℝ),
    HasDerivAt (fun s => heatKernel 1 s 1) Gt 1 ∧
    (∀ y, HasDerivAt (fun y => heatKernel 1 1 y) (Gz y) y) ∧
    HasDerivAt Gz Gzz 1 ∧ Gt = 1 * Gzz :=
  heat_kernel_solves_heat 1 1 1 one_pos one_pos

end SymShock
