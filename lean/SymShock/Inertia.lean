/-
Copyright (c) 2026 symshock contributors. All rights reserved.
Released under Apache 2.0 license.
-/
import Mathlib.Analysis.Calculus.Deriv.Add
import Mathlib.Analysis.Calculus.Deriv.Mul
import Mathlib.Analysis.Calculus.Deriv.Comp
import Mathlib.Analysis.Calculus.Deriv.Prod
import Mathlib.Analysis.Calculus.FDeriv.Mul
import Mathlib.Analysis.Calculus.FDeriv.Prod
import Mathlib.Analysis.Calculus.MeanValue
import Mathlib.Analysis.SpecialFunctions.ExpDeriv
import Mathlib.Analysis.SpecialFunctions.Trigonometric.Deriv

/-!
# Computational inertia: energy balance of (damped, noisy) heavy-ball dynamics

This file mirrors `proofs/Inertia.v` (family `inertia`, THEORY.md section I). Along
`θ' = v`, `v' = -L'(θ) - γ v` the energy is `E = v²/2 + L(θ)`.

## Main statements

* `SymShock.inertia_conserved`: with `γ = 0`, `E` has derivative `0` — in 1-D, and in `ℝ²`
  for a loss that is Fréchet differentiable with partial derivatives `L₁`, `L₂`.
* `SymShock.inertia_damped`: `E` has derivative `-γ v²`; with `γ ≥ 0` and the ODE on
  `[a, b]`, `E t₂ ≤ E t₁` for `a ≤ t₁ ≤ t₂ ≤ b`.
* `SymShock.inertia_ito`: the generator identity
  `v ∂θE + (-L'(θ) - γ v) ∂vE + (σ²/2) ∂²vE = -γ v² + σ²/2`, the partial derivatives being
  whatever `HasDerivAt` hypotheses force them to be.
* `SymShock.inertia_leapfrog`: one kick–drift–kick step for `q'' = -ω² q` preserves
  `H̃ = p²/2 + ω²(1 - h²ω²/4) q²/2`; one explicit Euler step multiplies `E` by `1 + h²ω²`.

## Implementation notes

Each statement is the Coq statement with `is_derive f x l` read as `HasDerivAt f l x` and
Coquelicot's `differentiable_pt_lim L x y lx ly` read as `HasFDerivAt` of the uncurried loss
with derivative `lx • fst + ly • snd`. The monotone part uses the fencing lemma
`image_le_of_deriv_right_le_deriv_boundary` where Coq uses `MVT_gen`. Only constants are
divided by. Stochastic calculus is not formalized: `inertia_ito` is the generator identity only.
The leapfrog statements write out the step that Coq names with `let`.

## Riskiest steps (none elaborated here; why we expect each to elaborate)

* `(hL.comp_hasDerivAt t (h₁.prodMk h₂)).congr_deriv (by simp)`: `simp` evaluates
  `(l₁ • fst + l₂ • snd) (a, b)` with `ContinuousLinearMap.add_apply`/`smul_apply`/`coe_fst'`
  (simp lemmas) to `l₁ * a + l₂ * b`; the stated value must be in that normal form.
* Damped monotonicity: `nlinarith [mul_nonneg hγ (sq_nonneg (v s))]` on `-γ v² ≤ 0`.
* Leapfrog identities: `norm_num` on closed rational expressions.

## References

* Karagöz, *Computational inertia* (arXiv 2505.19171, 2025).
* Hairer, Lubich, Wanner, *Geometric Numerical Integration*, for the modified energy.
-/

open Set Filter

namespace SymShock

/-! ### Derivative plumbing -/

/-- The kinetic term: if `v` has derivative `a` at `t` then `v²/2` has derivative `v t * a`. -/
theorem inertia_hasDerivAt_half_sq {v : ℝ → ℝ} {t a : ℝ} (hv : HasDerivAt v a t) :
    HasDerivAt (fun s => v s ^ 2 / 2) (v t * a) t := by
  have h := (hv.mul hv).div_const 2
  have hf : (fun s => v s ^ 2 / 2) = fun s => v s * v s / 2 := by
    funext s
    ring
  rw [hf]
  exact h.congr_deriv (by ring)

/-- `y ↦ y²/2`, written `y * y / 2`, has derivative `x` at `x` (used by the examples). -/
theorem inertia_hasDerivAt_half_mul_self (x : ℝ) : HasDerivAt (fun y : ℝ => y * y / 2) x x :=
  (((hasDerivAt_id' x).mul (hasDerivAt_id' x)).div_const 2).congr_deriv (by ring)

/-- The energy along any `(θ, v)` with `θ' = v` and `v' = acc` has derivative
`v acc + L'(θ) v`. -/
theorem inertia_energy_hasDerivAt {L L' θ v : ℝ → ℝ} {t acc : ℝ}
    (hθ : HasDerivAt θ (v t) t) (hv : HasDerivAt v acc t)
    (hL : HasDerivAt L (L' (θ t)) (θ t)) :
    HasDerivAt (fun s => v s ^ 2 / 2 + L (θ s)) (v t * acc + L' (θ t) * v t) t := by
  have hP : HasDerivAt (fun s => L (θ s)) (L' (θ t) * v t) t := hL.comp t hθ
  exact (inertia_hasDerivAt_half_sq hv).add hP

/-! ### inertia.conserved -/

/-- **inertia.conserved** (1-D part). If `θ' = v` and `v' = -L'(θ)` at `t`, with `L`
differentiable at `θ t`, then `E = v²/2 + L ∘ θ` has derivative `0` at `t`. -/
theorem inertia_conserved_1d {L L' θ v : ℝ → ℝ} {t : ℝ}
    (hθ : HasDerivAt θ (v t) t) (hv : HasDerivAt v (-L' (θ t)) t)
    (hL : HasDerivAt L (L' (θ t)) (θ t)) :
    HasDerivAt (fun s => v s ^ 2 / 2 + L (θ s)) 0 t :=
  (inertia_energy_hasDerivAt hθ hv hL).congr_deriv (by ring)

/-- **inertia.conserved** (`ℝ²` part). With `θ = (θ₁, θ₂)`, `v = (v₁, v₂)` and `L` Fréchet
differentiable at `θ t` with partial derivatives `L₁`, `L₂`, frictionless dynamics conserves
`v₁²/2 + v₂²/2 + L(θ₁, θ₂)`. -/
theorem inertia_conserved_2d {L L₁ L₂ : ℝ → ℝ → ℝ} {θ₁ θ₂ v₁ v₂ : ℝ → ℝ} {t : ℝ}
    (h₁ : HasDerivAt θ₁ (v₁ t) t) (h₂ : HasDerivAt θ₂ (v₂ t) t)
    (hv₁ : HasDerivAt v₁ (-L₁ (θ₁ t) (θ₂ t)) t) (hv₂ : HasDerivAt v₂ (-L₂ (θ₁ t) (θ₂ t)) t)
    (hL : HasFDerivAt (fun p : ℝ × ℝ => L p.1 p.2)
      (L₁ (θ₁ t) (θ₂ t) • ContinuousLinearMap.fst ℝ ℝ ℝ +
        L₂ (θ₁ t) (θ₂ t) • ContinuousLinearMap.snd ℝ ℝ ℝ) (θ₁ t, θ₂ t)) :
    HasDerivAt (fun s => v₁ s ^ 2 / 2 + v₂ s ^ 2 / 2 + L (θ₁ s) (θ₂ s)) 0 t := by
  have hP : HasDerivAt (fun s => L (θ₁ s) (θ₂ s))
      (L₁ (θ₁ t) (θ₂ t) * v₁ t + L₂ (θ₁ t) (θ₂ t) * v₂ t) t :=
    (hL.comp_hasDerivAt t (h₁.prodMk h₂)).congr_deriv (by simp)
  exact (((inertia_hasDerivAt_half_sq hv₁).add (inertia_hasDerivAt_half_sq hv₂)).add hP).congr_deriv
    (by ring)

/-- **inertia.conserved**: frictionless dynamics conserves `E = v²/2 + L(θ)`, in 1-D and in
`ℝ²` (the conjunction of `inertia_conserved_1d` and `inertia_conserved_2d`). -/
theorem inertia_conserved :
    (∀ (L L' θ v : ℝ → ℝ) (t : ℝ),
      HasDerivAt θ (v t) t → HasDerivAt v (-L' (θ t)) t → HasDerivAt L (L' (θ t)) (θ t) →
        HasDerivAt (fun s => v s ^ 2 / 2 + L (θ s)) 0 t) ∧
    (∀ (L L₁ L₂ : ℝ → ℝ → ℝ) (θ₁ θ₂ v₁ v₂ : ℝ → ℝ) (t : ℝ),
      HasDerivAt θ₁ (v₁ t) t → HasDerivAt θ₂ (v₂ t) t →
      HasDerivAt v₁ (-L₁ (θ₁ t) (θ₂ t)) t → HasDerivAt v₂ (-L₂ (θ₁ t) (θ₂ t)) t →
      HasFDerivAt (fun p : ℝ × ℝ => L p.1 p.2)
        (L₁ (θ₁ t) (θ₂ t) • ContinuousLinearMap.fst ℝ ℝ ℝ +
          L₂ (θ₁ t) (θ₂ t) • ContinuousLinearMap.snd ℝ ℝ ℝ) (θ₁ t, θ₂ t) →
        HasDerivAt (fun s => v₁ s ^ 2 / 2 + v₂ s ^ 2 / 2 + L (θ₁ s) (θ₂ s)) 0 t) :=
  ⟨fun L L' θ v t => inertia_conserved_1d (L := L) (L' := L') (θ := θ) (v := v) (t := t),
    fun L L₁ L₂ θ₁ θ₂ v₁ v₂ t =>
      inertia_conserved_2d (L := L) (L₁ := L₁) (L₂ := L₂) (θ₁ := θ₁) (θ₂ := θ₂) (v₁ := v₁)
        (v₂ := v₂) (t := t)⟩

/-- Non-vacuity of `inertia_conserved`: the harmonic oscillator `θ = sin`, `v = cos`,
`L(x) = x²/2` meets every hypothesis. -/
example (t : ℝ) :
    HasDerivAt (fun s => Real.cos s ^ 2 / 2 + Real.sin s * Real.sin s / 2) 0 t :=
  inertia_conserved_1d (L := fun x => x * x / 2) (L' := fun x => x) (θ := Real.sin)
    (v := Real.cos) (Real.hasDerivAt_sin t) (Real.hasDerivAt_cos t)
    (inertia_hasDerivAt_half_mul_self (Real.sin t))

/-- Non-vacuity of the `ℝ²` part: `L(u, v) = v u`, `θ₁ = θ₂ = sin`, `v₁ = v₂ = cos`
(`θ₁'' = -θ₂ = -∂₁L`, `θ₂'' = -θ₁ = -∂₂L`). -/
example (t : ℝ) :
    HasDerivAt (fun s => Real.cos s ^ 2 / 2 + Real.cos s ^ 2 / 2 + Real.sin s * Real.sin s) 0 t :=
  inertia_conserved_2d (L := fun u v => v * u) (L₁ := fun _ v => v) (L₂ := fun u _ => u)
    (θ₁ := Real.sin) (θ₂ := Real.sin) (v₁ := Real.cos) (v₂ := Real.cos)
    (Real.hasDerivAt_sin t) (Real.hasDerivAt_sin t) (Real.hasDerivAt_cos t) (Real.hasDerivAt_cos t)
    ((hasFDerivAt_snd (p := (Real.sin t, Real.sin t))).mul
      (hasFDerivAt_fst (p := (Real.sin t, Real.sin t))))

/-! ### inertia.damped -/

/-- **inertia.damped** (rate). If `θ' = v` and `v' = -L'(θ) - γ v` at `t`, then
`E = v²/2 + L ∘ θ` has derivative `-γ v²` at `t`. -/
theorem inertia_damped_rate {L L' θ v : ℝ → ℝ} {γ t : ℝ}
    (hθ : HasDerivAt θ (v t) t) (hv : HasDerivAt v (-L' (θ t) - γ * v t) t)
    (hL : HasDerivAt L (L' (θ t)) (θ t)) :
    HasDerivAt (fun s => v s ^ 2 / 2 + L (θ s)) (-γ * v t ^ 2) t :=
  (inertia_energy_hasDerivAt hθ hv hL).congr_deriv (by ring)

/-- **inertia.damped** (monotone). With `γ ≥ 0` and the damped ODE at every `t ∈ [a, b]`,
the energy does not increase: `E t₂ ≤ E t₁` for `a ≤ t₁ ≤ t₂ ≤ b`. -/
theorem inertia_damped_monotone {L L' θ v : ℝ → ℝ} {γ a b : ℝ} (hγ : 0 ≤ γ)
    (hode : ∀ t ∈ Icc a b, HasDerivAt θ (v t) t ∧ HasDerivAt v (-L' (θ t) - γ * v t) t ∧
      HasDerivAt L (L' (θ t)) (θ t))
    {t₁ t₂ : ℝ} (ha : a ≤ t₁) (h₁₂ : t₁ ≤ t₂) (hb : t₂ ≤ b) :
    v t₂ ^ 2 / 2 + L (θ t₂) ≤ v t₁ ^ 2 / 2 + L (θ t₁) := by
  have hd : ∀ s ∈ Icc t₁ t₂,
      HasDerivAt (fun s => v s ^ 2 / 2 + L (θ s)) (-γ * v s ^ 2) s := by
    intro s hs
    have hs' : s ∈ Icc a b := ⟨ha.trans hs.1, hs.2.trans hb⟩
    exact inertia_damped_rate (hode s hs').1 (hode s hs').2.1 (hode s hs').2.2
  exact image_le_of_deriv_right_le_deriv_boundary
    (f := fun s => v s ^ 2 / 2 + L (θ s)) (f' := fun s => -γ * v s ^ 2)
    (B := fun _ => v t₁ ^ 2 / 2 + L (θ t₁)) (B' := fun _ => 0)
    (fun s hs => (hd s hs).continuousAt.continuousWithinAt)
    (fun s hs => (hd s (Ico_subset_Icc_self hs)).hasDerivWithinAt)
    (le_refl _) continuousOn_const
    (fun s _ => hasDerivWithinAt_const s (Ici s) (v t₁ ^ 2 / 2 + L (θ t₁)))
    (fun s _ => show -γ * v s ^ 2 ≤ 0 by nlinarith [mul_nonneg hγ (sq_nonneg (v s))])
    (show t₂ ∈ Icc t₁ t₂ from ⟨h₁₂, le_refl t₂⟩)

/-- **inertia.damped**: `dE/dt = -γ v²`, and with `γ ≥ 0` on `[a, b]` the energy is
non-increasing (the conjunction of `inertia_damped_rate` and `inertia_damped_monotone`). -/
theorem inertia_damped :
    (∀ (L L' θ v : ℝ → ℝ) (γ t : ℝ),
      HasDerivAt θ (v t) t → HasDerivAt v (-L' (θ t) - γ * v t) t →
      HasDerivAt L (L' (θ t)) (θ t) →
        HasDerivAt (fun s => v s ^ 2 / 2 + L (θ s)) (-γ * v t ^ 2) t) ∧
    (∀ (L L' θ v : ℝ → ℝ) (γ a b : ℝ), 0 ≤ γ →
      (∀ t ∈ Icc a b, HasDerivAt θ (v t) t ∧ HasDerivAt v (-L' (θ t) - γ * v t) t ∧
        HasDerivAt L (L' (θ t)) (θ t)) →
      ∀ t₁ t₂, a ≤ t₁ → t₁ ≤ t₂ → t₂ ≤ b →
        v t₂ ^ 2 / 2 + L (θ t₂) ≤ v t₁ ^ 2 / 2 + L (θ t₁)) :=
  ⟨fun L L' θ v γ t => inertia_damped_rate (L := L) (L' := L') (θ := θ) (v := v) (γ := γ) (t := t),
    fun L L' θ v γ a b hγ hode t₁ t₂ =>
      inertia_damped_monotone (L := L) (L' := L') (θ := θ) (v := v) (γ := γ) (a := a) (b := b)
        (t₁ := t₁) (t₂ := t₂) hγ hode⟩

/-- `θ(s) = s e⁻ˢ` (critically damped oscillator, used by the example). -/
theorem inertia_damped_example_θ (t : ℝ) :
    HasDerivAt (fun s => s * Real.exp (-s)) ((1 - t) * Real.exp (-t)) t :=
  ((hasDerivAt_id' t).mul (hasDerivAt_id' t).neg.exp).congr_deriv (by ring)

/-- `v(s) = (1 - s) e⁻ˢ` solves `v' = -θ - 2 v` (used by the example). -/
theorem inertia_damped_example_v (t : ℝ) :
    HasDerivAt (fun s => (1 - s) * Real.exp (-s))
      (-(t * Real.exp (-t)) - 2 * ((1 - t) * Real.exp (-t))) t :=
  (((hasDerivAt_const t (1 : ℝ)).sub (hasDerivAt_id' t)).mul (hasDerivAt_id' t).neg.exp).congr_deriv
    (by ring)

/-- Non-vacuity of `inertia_damped`: `γ = 2`, `L(x) = x²/2` and the critically damped solution
`θ = s e⁻ˢ`, `v = (1 - s) e⁻ˢ` give `E(1) ≤ E(0)`. -/
example :
    (fun s : ℝ => ((1 - s) * Real.exp (-s)) ^ 2 / 2 +
        s * Real.exp (-s) * (s * Real.exp (-s)) / 2) 1 ≤
      (fun s : ℝ => ((1 - s) * Real.exp (-s)) ^ 2 / 2 +
        s * Real.exp (-s) * (s * Real.exp (-s)) / 2) 0 :=
  inertia_damped_monotone (L := fun x => x * x / 2) (L' := fun x => x)
    (θ := fun s => s * Real.exp (-s)) (v := fun s => (1 - s) * Real.exp (-s)) (γ := 2)
    (a := 0) (b := 1) (by norm_num)
    (fun t _ => ⟨inertia_damped_example_θ t, inertia_damped_example_v t,
      inertia_hasDerivAt_half_mul_self (t * Real.exp (-t))⟩)
    (le_refl 0) (by norm_num) (le_refl 1)

/-! ### inertia.ito -/

/-- **inertia.ito** (generator identity). For `E(θ, v) = v²/2 + L(θ)`, whatever numbers the
`HasDerivAt` hypotheses make `∂θE`, `∂vE` (at every velocity) and `∂²vE` satisfy
`v ∂θE + (-L'(θ) - γ v) ∂vE + (σ²/2) ∂²vE = -γ v² + σ²/2`. -/
theorem inertia_ito {L L' : ℝ → ℝ} {γ σ θ v dθE dvvE : ℝ} {dvE : ℝ → ℝ}
    (hL : HasDerivAt L (L' θ) θ)
    (hθ : HasDerivAt (fun x => v ^ 2 / 2 + L x) dθE θ)
    (hv : ∀ w, HasDerivAt (fun w' => w' ^ 2 / 2 + L θ) (dvE w) w)
    (hvv : HasDerivAt dvE dvvE v) :
    v * dθE + (-L' θ - γ * v) * dvE v + σ ^ 2 / 2 * dvvE = -γ * v ^ 2 + σ ^ 2 / 2 := by
  have e₁ : dθE = L' θ :=
    hθ.unique (((hasDerivAt_const θ (v ^ 2 / 2)).add hL).congr_deriv (zero_add _))
  have e₂ : ∀ w, dvE w = w := fun w =>
    (hv w).unique (((inertia_hasDerivAt_half_sq (hasDerivAt_id' w)).add
      (hasDerivAt_const w (L θ))).congr_deriv (by ring))
  have hid : dvE = fun w => w := funext e₂
  rw [hid] at hvv
  have e₃ : dvvE = 1 := hvv.unique (hasDerivAt_id' v)
  rw [e₁, e₂ v, e₃]
  ring

/-- Non-vacuity of `inertia_ito`: `L(x) = x²/2`, with `∂θE = θ`, `∂vE = id`, `∂²vE = 1`. -/
example (γ σ θ v : ℝ) :
    v * θ + (-θ - γ * v) * v + σ ^ 2 / 2 * 1 = -γ * v ^ 2 + σ ^ 2 / 2 := by
  have hθ : HasDerivAt (fun x : ℝ => v ^ 2 / 2 + x * x / 2) θ θ :=
    ((hasDerivAt_const θ (v ^ 2 / 2)).add (inertia_hasDerivAt_half_mul_self θ)).congr_deriv
      (zero_add θ)
  have hv : ∀ w : ℝ, HasDerivAt (fun w' : ℝ => w' ^ 2 / 2 + θ * θ / 2) w w := fun w =>
    ((inertia_hasDerivAt_half_sq (hasDerivAt_id' w)).add
      (hasDerivAt_const w (θ * θ / 2))).congr_deriv (by ring)
  exact inertia_ito (L := fun x => x * x / 2) (L' := fun x => x) (dvE := fun w => w)
    (γ := γ) (σ := σ) (inertia_hasDerivAt_half_mul_self θ) hθ hv (hasDerivAt_id' v)

/-! ### inertia.leapfrog -/

/-- The modified energy `H̃ = p²/2 + ω²(1 - h²ω²/4) q²/2` of kick–drift–kick with step `h`. -/
noncomputable def modifiedEnergy (h ω q p : ℝ) : ℝ :=
  p ^ 2 / 2 + ω ^ 2 * (1 - h ^ 2 * ω ^ 2 / 4) * q ^ 2 / 2

/-- The oscillator energy `E = p²/2 + ω² q²/2`. -/
noncomputable def oscillatorEnergy (ω q p : ℝ) : ℝ := p ^ 2 / 2 + ω ^ 2 * q ^ 2 / 2

/-- **inertia.leapfrog** (KDK part). One kick–drift–kick step
`p½ = p - (h/2)ω²q`, `q' = q + h p½`, `p' = p½ - (h/2)ω²q'` preserves `H̃`, for all reals. -/
theorem inertia_leapfrog_kdk (h ω q p : ℝ) :
    modifiedEnergy h ω (q + h * (p - h / 2 * ω ^ 2 * q))
        (p - h / 2 * ω ^ 2 * q - h / 2 * ω ^ 2 * (q + h * (p - h / 2 * ω ^ 2 * q))) =
      modifiedEnergy h ω q p := by
  unfold modifiedEnergy
  ring

/-- **inertia.leapfrog** (Euler part). One explicit Euler step `q' = q + h p`,
`p' = p - h ω² q` multiplies `E` by `1 + h²ω²`. -/
theorem inertia_leapfrog_euler (h ω q p : ℝ) :
    oscillatorEnergy ω (q + h * p) (p - h * ω ^ 2 * q) =
      (1 + h ^ 2 * ω ^ 2) * oscillatorEnergy ω q p := by
  unfold oscillatorEnergy
  ring

/-- **inertia.leapfrog**: KDK preserves `H̃` exactly and explicit Euler multiplies `E` by
`1 + h²ω²` (the conjunction of `inertia_leapfrog_kdk` and `inertia_leapfrog_euler`). -/
theorem inertia_leapfrog :
    (∀ h ω q p : ℝ,
      modifiedEnergy h ω (q + h * (p - h / 2 * ω ^ 2 * q))
          (p - h / 2 * ω ^ 2 * q - h / 2 * ω ^ 2 * (q + h * (p - h / 2 * ω ^ 2 * q))) =
        modifiedEnergy h ω q p) ∧
    (∀ h ω q p : ℝ,
      oscillatorEnergy ω (q + h * p) (p - h * ω ^ 2 * q) =
        (1 + h ^ 2 * ω ^ 2) * oscillatorEnergy ω q p) :=
  ⟨inertia_leapfrog_kdk, inertia_leapfrog_euler⟩

/-- Non-vacuity and failability of `inertia_leapfrog`: at `h = ω = q = 1`, `p = 0` the modified
energy after one step is `3/8`, while the true energy changes (`1/2` before, `13/32` after). -/
example :
    modifiedEnergy 1 1 (1 + 1 * (0 - 1 / 2 * 1 ^ 2 * 1))
        (0 - 1 / 2 * 1 ^ 2 * 1 - 1 / 2 * 1 ^ 2 * (1 + 1 * (0 - 1 / 2 * 1 ^ 2 * 1))) = 3 / 8 ∧
      oscillatorEnergy 1 (1 + 1 * (0 - 1 / 2 * 1 ^ 2 * 1))
          (0 - 1 / 2 * 1 ^ 2 * 1 - 1 / 2 * 1 ^ 2 * (1 + 1 * (0 - 1 / 2 * 1 ^ 2 * 1))) ≠
        oscillatorEnergy 1 1 0 := by
  refine ⟨?_, ?_⟩
  · rw [inertia_leapfrog_kdk]
    unfold modifiedEnergy
    norm_num
  · unfold oscillatorEnergy
    norm_num

end SymShock
