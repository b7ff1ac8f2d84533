/-
Copyright (c) 2026 symshock contributors. All rights reserved.
Released under Apache 2.0 license.
-/
import Mathlib.GroupTheory.GroupAction.Basic
import Mathlib.Analysis.Calculus.Deriv.Add
import Mathlib.Analysis.Calculus.Deriv.Mul
import Mathlib.Analysis.Calculus.Deriv.Comp
import Mathlib.Analysis.Calculus.Deriv.Prod
import Mathlib.Analysis.Calculus.FDeriv.Mul
import Mathlib.Analysis.Calculus.FDeriv.Prod
import Mathlib.Analysis.SpecialFunctions.ExpDeriv
import Mathlib.Analysis.Calculus.MeanValue
import Mathlib.Algebra.BigOperators.Basic
import Mathlib.Algebra.BigOperators.Ring
import Mathlib.Tactic.IntervalCases

/-!
# The quotient construction: descent, orthogonality, Noether, broken conservation laws

This file mirrors `proofs/Quotient.v` (family `quotient`, THEORY.md section Q).

## Main statements

* `SymShock.quotient_orbit_equiv`: the orbit relation of a group action is an equivalence.
* `SymShock.quotient_descend`: for a quotient `Q` given with `π` and a section `sec`
  (`π ∘ sec = id`, fibres of `π` = orbits), an invariant `L` equals `(L ∘ sec) ∘ π`, any `M`
  with `M ∘ π = L` is `L ∘ sec`, and `M ∘ π` is invariant.
* `SymShock.quotient_grad_orthogonal`: if `L ∘ γ` is constant near `0` for a curve `γ` in `ℝ²`
  through `θ`, then `∂₁L(θ) γ₁'(0) + ∂₂L(θ) γ₂'(0) = 0`.
* `SymShock.quotient_noether`: over `ℝⁿ`, for symmetric `M` with `⟨G(θ), Mθ⟩ = 0` for all `θ`,
  `Q = ½θᵀMθ` has derivative `0` along `θ' = -G(θ)` and is constant on the interval of the
  flow (mean value theorem); the same for `⟨ξ, θ⟩` with a constant generator `ξ ⟂ G`.
  `SymShock.quotient_noether_scalar`: the case `L(u, v) = f(uv)` in `ℝ²`.
* `SymShock.quotient_sgd_broken`: the exact one-step norm identities of
  `θ' = (1 - ηλ) θ - η u` over `ℝⁿ`, and their short forms under orthogonality.
* `SymShock.quotient_reduced_flow`: along the same flow `w = uv` has `w' = -(u² + v²) f'(w)`,
  and `(u² + v²)² = c² + 4 w²` with `c = u² - v²`.

## Implementation notes

Coq states the group axioms in a record; here the group and the action are Mathlib's
`Group` and `MulAction`, and the orbit relation is `x ∈ MulAction.orbit G y` (the relation of
`MulAction.orbitRel`). `quotient_descend_lift` adds the Mathlib-native descent through
`Quotient.lift` on `MulAction.orbitRel.Quotient`. Coquelicot's `differentiable_pt_lim L x y lx ly`
is read as `HasFDerivAt` of the uncurried loss with derivative `lx • fst + ly • snd`. Vectors of
`ℝⁿ` are `ℕ → ℝ` read on `0, …, n - 1`, with `sgdDot` the recursive dot product, as in Coq.
The Coq orbit relation is `∃ g, g·x = y`, the Lean one `x ∈ G • y`; both are symmetric, so the
fibre hypothesis says the same. The non-vacuity instance of `quotient_descend` differs: Coq uses
`ℝ_{>0}` acting on the half-plane by `(αu, v/α)` with `π = uv`, Lean the regular action of a
group on itself with the one-point quotient.

## Riskiest steps (none elaborated here; why we expect each to elaborate)

* `quotient_leaf` (4): `hu.mul hv` is ascribed `du * v τ + u τ * dv` with no `congr_deriv`:
  `HasDerivAt.mul` (Mathlib/Analysis/Calculus/Deriv/Mul.lean) states the value
  `c' * d x + c x * d'`, which is that term syntactically.
* `quotient_leaf` (2): `nlinarith` gets the two products it needs as hints
  (`mul_lt_mul_of_pos_right`, `mul_le_mul_of_nonneg_right`) after `simp only [mul_pow]`; the
  squares of `exp` are compared by `nlinarith` from `Real.exp_lt_exp.mpr` and `Real.exp_pos`.
* `sgdDot_matvec_symm`: `rw [Finset.sum_comm]` must rewrite the left double sum (the first match);
  if it rewrote the right one, the `Finset.sum_congr` goals would be the mirror image and
  `rw [hM j i]` would fail. `Finset.sum_mul`/`Finset.mul_sum` (Mathlib/Algebra/BigOperators/
  Ring.lean) take `(s) (f) (a)` in every copy read.
* `sgdDot_hasDerivAt`: `induction n` reverts `hx hy`, which mention `n` (Lean 4 generalises the
  hypotheses that depend on the major premise), so `ih` takes them as arguments.
* `quotient_noether`: the congruences close with `rfl` after `rw [sgdDot_zero_left, zero_add]`,
  i.e. by unfolding `sgdMatvec` and beta-reducing `(fun _ => M i) t`, which `rfl` does.
* `eq_of_hasDerivAt_zero_Icc`: `exists_hasDerivAt_eq_slope f f' hab hfc hff'` (explicit
  arguments, `include hab hfc hff' in` at the pin; Mathlib/Analysis/Calculus/MeanValue.lean);
  its `hslope` may hold the beta-redex `(fun _ => 0) c`, so it is consumed by `exact` (defeq),
  not by `linarith`.
* The `quotient_noether` example: `show` turns `if (0 : ℕ) = 0 then … else …` into its branch by
  evaluating `instDecidableEqNat` on literals (whnf); `simp [sgdDot, sgdMatvec] <;> ring` and
  `norm_num [sgdDot, sgdMatvec]` decide the `if`s on literals and `Real.exp_zero`.
* `quotient_descend_lift`: the `Setoid` relation is unfolded by the closed ascription
  `have hab' : a ∈ MulAction.orbit G b := hab`, not by unification inside `.mp`.
* The `quotient_noise_closure` example: `simp only [sgdDot, sgdMvec]` unfolds `sgdDot 2` by
  matching the literal `2` against `n + 1`; `norm_num <;> ring` closes whether or not
  `norm_num` finishes.

## References

* Miyagawa, *Shock waves in symmetry-reduced SGD* (arXiv 2606.18303, 2026).
* Kunin et al., *Neural Mechanics* (ICLR 2021).
-/

open Set Filter Topology

namespace SymShock

/-! ### Orbits and descent -/

/-- The orbit relation `x ∈ G • y` of a group action is an equivalence relation. -/
theorem quotient_orbit_equiv (G X : Type*) [Group G] [MulAction G X] :
    Equivalence (fun x y : X => x ∈ MulAction.orbit G y) :=
  (MulAction.orbitRel G X).iseqv

/-- **quotient.descend** (choice-free form). Let `Q` come with `π : X → Q` and a section
`sec` (`π (sec q) = q`) whose fibres are exactly the orbits. Then an invariant `L` equals
`(L ∘ sec) ∘ π`; any `M` with `M ∘ π = L` equals `L ∘ sec`; and `M ∘ π` is invariant. -/
theorem quotient_descend {G X Q Y : Type*} [Group G] [MulAction G X]
    (π : X → Q) (sec : Q → X) (hsec : ∀ q, π (sec q) = q)
    (hfib : ∀ x y, π x = π y ↔ x ∈ MulAction.orbit G y) :
    (∀ L : X → Y, (∀ (g : G) (x : X), L (g • x) = L x) → ∀ x, L x = L (sec (π x))) ∧
    (∀ (L : X → Y) (M : Q → Y), (∀ x, M (π x) = L x) → ∀ q, M q = L (sec q)) ∧
    (∀ (M : Q → Y) (g : G) (x : X), M (π (g • x)) = M (π x)) := by
  refine ⟨?_, ?_, ?_⟩
  · intro L hL x
    obtain ⟨g, hg⟩ := MulAction.mem_orbit_iff.mp ((hfib x (sec (π x))).mp (hsec (π x)).symm)
    have h := hL g (sec (π x))
    rwa [hg] at h
  · intro L M hM q
    rw [← hM, hsec]
  · intro M g x
    exact congrArg M ((hfib (g • x) x).mpr (MulAction.mem_orbit x g))

/-- The Mathlib-native form of descent: an invariant `L` factors through the orbit quotient
`MulAction.orbitRel.Quotient G X` by `Quotient.lift`. -/
theorem quotient_descend_lift {G X Y : Type*} [Group G] [MulAction G X] (L : X → Y)
    (hL : ∀ (g : G) (x : X), L (g • x) = L x) :
    ∃ Lbar : MulAction.orbitRel.Quotient G X → Y, ∀ x, Lbar (Quotient.mk _ x) = L x :=
  ⟨Quotient.lift L fun a b hab => by
      -- the Setoid relation is unfolded by a closed type ascription, not by unification in `.mp`
      have hab' : a ∈ MulAction.orbit G b := hab
      obtain ⟨g, rfl⟩ := MulAction.mem_orbit_iff.mp hab'
      exact hL g b,
    fun _ => rfl⟩

/-- Non-vacuity of `quotient_descend`: `G` acting on itself by left multiplication, with the
one-point quotient `Unit` and section `1`, meets the hypotheses; the theorem then says that a
function invariant under left multiplication is constant. -/
example {G : Type*} [Group G] (L : G → ℕ) (hL : ∀ g x : G, L (g • x) = L x) (x : G) :
    L x = L 1 :=
  (quotient_descend (G := G) (X := G) (Q := Unit) (fun _ => ()) (fun _ => (1 : G))
    (fun _ => rfl)
    (fun x y => ⟨fun _ => MulAction.mem_orbit_iff.mpr ⟨x * y⁻¹, by simp⟩, fun _ => rfl⟩)).1 L hL x

/-! ### quotient.grad_orthogonal -/

/-- A loss constant along a curve through `γ 0` has zero derivative along `γ'(0)`
(any real normed space). -/
theorem quotient_hasFDerivAt_along_const {E : Type*} [NormedAddCommGroup E] [NormedSpace ℝ E]
    {L : E → ℝ} {L' : E →L[ℝ] ℝ} {γ : ℝ → E} {γ' : E}
    (hL : HasFDerivAt L L' (γ 0)) (hγ : HasDerivAt γ γ' 0)
    (hconst : ∀ᶠ s in 𝓝 (0 : ℝ), L (γ s) = L (γ 0)) : L' γ' = 0 := by
  have h₁ : HasDerivAt (L ∘ γ) (L' γ') 0 := hL.comp_hasDerivAt 0 hγ
  have h₂ : HasDerivAt (L ∘ γ) 0 0 :=
    (hasDerivAt_const (0 : ℝ) (L (γ 0))).congr_of_eventuallyEq hconst
  exact h₁.unique h₂

/-- **quotient.grad_orthogonal** (`ℝ²`). If `γ = (g₁, g₂)` passes through `θ = (θ₁, θ₂)` at
`s = 0` with velocity `(d₁, d₂)`, `L` is Fréchet differentiable at `θ` with gradient `(l₁, l₂)`,
and `L ∘ γ` is constant near `0`, then `l₁ d₁ + l₂ d₂ = 0`. -/
theorem quotient_grad_orthogonal {L : ℝ → ℝ → ℝ} {g₁ g₂ : ℝ → ℝ} {θ₁ θ₂ l₁ l₂ d₁ d₂ : ℝ}
    (h₁ : g₁ 0 = θ₁) (h₂ : g₂ 0 = θ₂)
    (hg₁ : HasDerivAt g₁ d₁ 0) (hg₂ : HasDerivAt g₂ d₂ 0)
    (hL : HasFDerivAt (fun p : ℝ × ℝ => L p.1 p.2)
      (l₁ • ContinuousLinearMap.fst ℝ ℝ ℝ + l₂ • ContinuousLinearMap.snd ℝ ℝ ℝ) (θ₁, θ₂))
    (hconst : ∀ᶠ s in 𝓝 (0 : ℝ), L (g₁ s) (g₂ s) = L θ₁ θ₂) :
    l₁ * d₁ + l₂ * d₂ = 0 := by
  subst h₁ h₂
  have h := quotient_hasFDerivAt_along_const (L := fun p : ℝ × ℝ => L p.1 p.2)
    (γ := fun s => (g₁ s, g₂ s)) hL (hg₁.prodMk hg₂) hconst
  simpa using h

/-- Non-vacuity of `quotient_grad_orthogonal`: `L(u, v) = v u` is constant along the rescaling
orbit `s ↦ (eˢ, e⁻ˢ)` through `(1, 1)`, whose velocity is `(1, -1)`. -/
example : (1 : ℝ) * 1 + 1 * (-1) = 0 := by
  have hg₁ : HasDerivAt Real.exp 1 0 := (Real.hasDerivAt_exp 0).congr_deriv (by simp)
  have hg₂ : HasDerivAt (fun s : ℝ => Real.exp (-s)) (-1) 0 :=
    (hasDerivAt_id' (0 : ℝ)).neg.exp.congr_deriv (by simp)
  have hL : HasFDerivAt (fun p : ℝ × ℝ => p.2 * p.1)
      ((1 : ℝ) • ContinuousLinearMap.fst ℝ ℝ ℝ + (1 : ℝ) • ContinuousLinearMap.snd ℝ ℝ ℝ)
      ((1 : ℝ), (1 : ℝ)) :=
    (hasFDerivAt_snd (p := ((1 : ℝ), (1 : ℝ)))).mul (hasFDerivAt_fst (p := ((1 : ℝ), (1 : ℝ))))
  exact quotient_grad_orthogonal (L := fun u v => v * u) (g₁ := Real.exp)
    (g₂ := fun s => Real.exp (-s)) (by simp) (by simp) hg₁ hg₂ hL
    (by filter_upwards with s; simp [← Real.exp_add])

/-! ### quotient.noether and quotient.reduced_flow

Gradient flow of `L(u, v) = f(uv)`: `∂uL = v f'(uv)`, `∂vL = u f'(uv)`, so `u' = -v f'(uv)`,
`v' = -u f'(uv)`. Only `f'` enters. -/

/-- The scalar case of **quotient.noether** (rescaling). Along `u' = -v f'(uv)`,
`v' = -u f'(uv)` the balance `u² - v²` has derivative `0`. -/
theorem quotient_noether_scalar {f' u v : ℝ → ℝ} {t : ℝ}
    (hu : HasDerivAt u (-v t * f' (u t * v t)) t)
    (hv : HasDerivAt v (-u t * f' (u t * v t)) t) :
    HasDerivAt (fun s => u s ^ 2 - v s ^ 2) 0 t := by
  have h := (hu.mul hu).sub (hv.mul hv)
  have hf : (fun s => u s ^ 2 - v s ^ 2) = fun s => u s * u s - v s * v s := by
    funext s
    ring
  rw [hf]
  exact h.congr_deriv (by ring)

/-- `s ↦ e⁻ˢ` has derivative `-e⁻ᵗ · 1`: the flow of `f(w) = w` (`f' = 1`) with `u = v`. -/
theorem quotient_exp_neg_hasDerivAt (t : ℝ) :
    HasDerivAt (fun s => Real.exp (-s)) (-Real.exp (-t) * 1) t :=
  (hasDerivAt_id' t).neg.exp.congr_deriv (by ring)

/-- Non-vacuity of `quotient_noether_scalar`: `f' = 1` and the trajectory `u = eᵗ + e⁻ᵗ`,
`v = e⁻ᵗ - eᵗ`, on which `c = u² - v² = 4`. -/
example (t : ℝ) :
    HasDerivAt (fun s => (Real.exp s + Real.exp (-s)) ^ 2 - (Real.exp (-s) - Real.exp s) ^ 2) 0 t :=
  quotient_noether_scalar (f' := fun _ => 1) (u := fun s => Real.exp s + Real.exp (-s))
    (v := fun s => Real.exp (-s) - Real.exp s)
    (((Real.hasDerivAt_exp t).add (hasDerivAt_id' t).neg.exp).congr_deriv (by ring))
    (((hasDerivAt_id' t).neg.exp.sub (Real.hasDerivAt_exp t)).congr_deriv (by ring))

/-- **quotient.reduced_flow** (scalar rescaling). Along `u' = -v f'(uv)`, `v' = -u f'(uv)`,
`w = uv` has derivative `-(u² + v²) f'(w)`, and `(u² + v²)² = c² + 4w²` with `c = u² - v²`. -/
theorem quotient_reduced_flow {f' u v : ℝ → ℝ} {t : ℝ}
    (hu : HasDerivAt u (-v t * f' (u t * v t)) t)
    (hv : HasDerivAt v (-u t * f' (u t * v t)) t) :
    HasDerivAt (fun s => u s * v s) (-(u t ^ 2 + v t ^ 2) * f' (u t * v t)) t ∧
      (u t ^ 2 + v t ^ 2) ^ 2 = (u t ^ 2 - v t ^ 2) ^ 2 + 4 * (u t * v t) ^ 2 :=
  ⟨(hu.mul hv).congr_deriv (by ring), by ring⟩

/-- Non-vacuity of `quotient_reduced_flow`: `f' = 1`, `u = v = e⁻ᵗ`. -/
example (t : ℝ) :
    HasDerivAt (fun s => Real.exp (-s) * Real.exp (-s))
      (-(Real.exp (-t) ^ 2 + Real.exp (-t) ^ 2) * 1) t :=
  (quotient_reduced_flow (f' := fun _ => 1) (u := fun s => Real.exp (-s))
    (v := fun s => Real.exp (-s)) (quotient_exp_neg_hasDerivAt t)
    (quotient_exp_neg_hasDerivAt t)).1

/-! ### quotient.noether over `ℝⁿ`

Vectors are `ℕ → ℝ` read on `0, …, n - 1` (`sgdDot`, as in Coq); a matrix is `ℕ → ℕ → ℝ` and
`sgdMatvec n M x i = ∑_{j<n} M i j x j`. -/

/-- `(M x)_i = ∑_{j < n} M i j * x j`. -/
noncomputable def sgdMatvec (n : ℕ) (M : ℕ → ℕ → ℝ) (x : ℕ → ℝ) : ℕ → ℝ :=
  fun i => sgdDot n (M i) x

/-- `sgdDot` is the finite sum over `Finset.range n`. -/
theorem sgdDot_eq_sum (n : ℕ) (x y : ℕ → ℝ) : sgdDot n x y = ∑ i ∈ Finset.range n, x i * y i := by
  induction n with
  | zero => simp [sgdDot]
  | succ n ih => rw [Finset.sum_range_succ, ← ih]; rfl

/-- `⟨x, y⟩ = ⟨y, x⟩`. -/
theorem sgdDot_comm (n : ℕ) (x y : ℕ → ℝ) : sgdDot n x y = sgdDot n y x := by
  induction n with
  | zero => rfl
  | succ n ih => simp only [sgdDot]; rw [ih]; ring

/-- `⟨-x, y⟩ = -⟨x, y⟩`. -/
theorem sgdDot_neg_left (n : ℕ) (x y : ℕ → ℝ) : sgdDot n (fun i => -x i) y = -sgdDot n x y := by
  induction n with
  | zero => show (0 : ℝ) = -0; rw [neg_zero]
  | succ n ih => simp only [sgdDot]; rw [ih]; ring

/-- `⟨0, y⟩ = 0`. -/
theorem sgdDot_zero_left (n : ℕ) (y : ℕ → ℝ) : sgdDot n (fun _ => 0) y = 0 := by
  induction n with
  | zero => rfl
  | succ n ih => simp only [sgdDot]; rw [ih]; ring

/-- For symmetric `M`, `⟨M x, y⟩ = ⟨x, M y⟩` (the double sum is exchanged by `Finset.sum_comm`). -/
theorem sgdDot_matvec_symm (n : ℕ) (M : ℕ → ℕ → ℝ) (x y : ℕ → ℝ) (hM : ∀ i j, M i j = M j i) :
    sgdDot n (sgdMatvec n M x) y = sgdDot n x (sgdMatvec n M y) := by
  simp only [sgdMatvec, sgdDot_eq_sum, Finset.sum_mul, Finset.mul_sum]
  rw [Finset.sum_comm]
  refine Finset.sum_congr rfl fun j _ => Finset.sum_congr rfl fun i _ => ?_
  rw [hM j i]
  ring

/-- The derivative of `s ↦ ⟨x(s), y(s)⟩` is `⟨x', y⟩ + ⟨x, y'⟩`. -/
theorem sgdDot_hasDerivAt (n : ℕ) (x y : ℝ → ℕ → ℝ) (dx dy : ℕ → ℝ) (t : ℝ)
    (hx : ∀ i < n, HasDerivAt (fun s => x s i) (dx i) t)
    (hy : ∀ i < n, HasDerivAt (fun s => y s i) (dy i) t) :
    HasDerivAt (fun s => sgdDot n (x s) (y s)) (sgdDot n dx (y t) + sgdDot n (x t) dy) t := by
  induction n with
  | zero => simpa only [sgdDot, add_zero] using hasDerivAt_const t (0 : ℝ)
  | succ n ih =>
    have h₁ := ih (fun i hi => hx i (Nat.lt_succ_of_lt hi)) (fun i hi => hy i (Nat.lt_succ_of_lt hi))
    have h₂ := (hx n (Nat.lt_succ_self n)).mul (hy n (Nat.lt_succ_self n))
    simp only [sgdDot]
    exact (h₁.add h₂).congr_deriv (by ring)

/-- A function with derivative `0` on `[a, b]` takes the same value at `a` and `b` (Lagrange's
mean value theorem, `exists_hasDerivAt_eq_slope`). -/
theorem eq_of_hasDerivAt_zero_Icc (q : ℝ → ℝ) (a b : ℝ) (hab : a ≤ b)
    (hq : ∀ t ∈ Icc a b, HasDerivAt q 0 t) : q b = q a := by
  rcases hab.lt_or_eq with h | h
  · obtain ⟨c, -, hslope⟩ := exists_hasDerivAt_eq_slope q (fun _ => 0) h
      (fun t ht => (hq t ht).continuousAt.continuousWithinAt)
      (fun t ht => hq t (Ioo_subset_Icc_self ht))
    have hne : b - a ≠ 0 := (sub_pos.mpr h).ne'
    have key : (0 : ℝ) * (b - a) = q b - q a := by
      rw [eq_div_iff hne] at hslope
      exact hslope
    linarith
  · rw [h]

/-- **quotient.noether** over `ℝⁿ`. Let `M` be symmetric with `⟨G(θ), Mθ⟩ = 0` for every `θ`
(`G = ∇L` of a loss invariant under `θ ↦ e^{sM}θ`), `ξ` a constant generator with
`⟨G(θ), ξ⟩ = 0`, and `θ' = -G(θ)` on `[a, b]`. Then `Q = ½θᵀMθ` and `⟨ξ, θ⟩` have derivative
`0` on `[a, b]` and take the same values at `a` and `b`. -/
theorem quotient_noether (n : ℕ) (M : ℕ → ℕ → ℝ) (ξ : ℕ → ℝ) (G : (ℕ → ℝ) → ℕ → ℝ)
    (θ : ℝ → ℕ → ℝ) (a b : ℝ) (hM : ∀ i j, M i j = M j i)
    (horth : ∀ x, sgdDot n (G x) (sgdMatvec n M x) = 0) (hξ : ∀ x, sgdDot n (G x) ξ = 0)
    (hab : a ≤ b)
    (hflow : ∀ t ∈ Icc a b, ∀ i < n, HasDerivAt (fun s => θ s i) (-G (θ t) i) t) :
    (∀ t ∈ Icc a b, HasDerivAt (fun s => sgdDot n (sgdMatvec n M (θ s)) (θ s) / 2) 0 t) ∧
    sgdDot n (sgdMatvec n M (θ b)) (θ b) / 2 = sgdDot n (sgdMatvec n M (θ a)) (θ a) / 2 ∧
    (∀ t ∈ Icc a b, HasDerivAt (fun s => sgdDot n ξ (θ s)) 0 t) ∧
    sgdDot n ξ (θ b) = sgdDot n ξ (θ a) := by
  have hQ : ∀ t ∈ Icc a b,
      HasDerivAt (fun s => sgdDot n (sgdMatvec n M (θ s)) (θ s) / 2) 0 t := by
    intro t ht
    have hθ := hflow t ht
    have hMθ : ∀ i < n, HasDerivAt (fun s => sgdMatvec n M (θ s) i)
        (sgdMatvec n M (fun j => -G (θ t) j) i) t := fun i _ =>
      (sgdDot_hasDerivAt n (fun _ => M i) θ (fun _ => 0) (fun j => -G (θ t) j) t
        (fun j _ => hasDerivAt_const t (M i j)) hθ).congr_deriv
        (by rw [sgdDot_zero_left, zero_add]; rfl)
    have h := sgdDot_hasDerivAt n (fun s => sgdMatvec n M (θ s)) θ
      (sgdMatvec n M (fun j => -G (θ t) j)) (fun j => -G (θ t) j) t hMθ hθ
    refine (h.div_const 2).congr_deriv ?_
    rw [sgdDot_matvec_symm n M _ _ hM, sgdDot_comm n (sgdMatvec n M (θ t)), sgdDot_neg_left,
      horth]
    ring
  have hX : ∀ t ∈ Icc a b, HasDerivAt (fun s => sgdDot n ξ (θ s)) 0 t := by
    intro t ht
    refine (sgdDot_hasDerivAt n (fun _ => ξ) θ (fun _ => 0) (fun j => -G (θ t) j) t
      (fun j _ => hasDerivAt_const t (ξ j)) (hflow t ht)).congr_deriv ?_
    rw [sgdDot_zero_left, zero_add]
    show sgdDot n ξ (fun j => -G (θ t) j) = 0
    rw [sgdDot_comm n ξ, sgdDot_neg_left, hξ, neg_zero]
  exact ⟨hQ, eq_of_hasDerivAt_zero_Icc _ a b hab hQ, hX, eq_of_hasDerivAt_zero_Icc _ a b hab hX⟩

/-- Non-vacuity of `quotient_noether`: `L(u, v) = uv` (`G(u, v) = (v, u)`), the rescaling generator
`M = diag(1, -1)`, `ξ = 0`, and the trajectory `u = eᵗ + e⁻ᵗ`, `v = e⁻ᵗ - eᵗ` of `θ' = -G(θ)` on
`[0, 1]`; the theorem gives `Q(θ(1)) = Q(θ(0)) = 2`. -/
example :
    sgdDot 2 (sgdMatvec 2 (fun i j => if i = j then (if i = 0 then 1 else -1) else 0)
        (fun i => if i = 0 then Real.exp 1 + Real.exp (-1) else Real.exp (-1) - Real.exp 1))
      (fun i => if i = 0 then Real.exp 1 + Real.exp (-1) else Real.exp (-1) - Real.exp 1) / 2 = 2 := by
  have hflow : ∀ t ∈ Icc (0 : ℝ) 1, ∀ i < 2, HasDerivAt
      (fun s => (fun s : ℝ => fun i : ℕ =>
        if i = 0 then Real.exp s + Real.exp (-s) else Real.exp (-s) - Real.exp s) s i)
      (-(fun x : ℕ → ℝ => fun i : ℕ => if i = 0 then x 1 else x 0)
        ((fun s : ℝ => fun i : ℕ =>
          if i = 0 then Real.exp s + Real.exp (-s) else Real.exp (-s) - Real.exp s) t) i) t := by
    intro t _ i hi
    interval_cases i
    · show HasDerivAt (fun s => Real.exp s + Real.exp (-s)) (-(Real.exp (-t) - Real.exp t)) t
      exact ((Real.hasDerivAt_exp t).add (hasDerivAt_id' t).neg.exp).congr_deriv (by ring)
    · show HasDerivAt (fun s => Real.exp (-s) - Real.exp s) (-(Real.exp t + Real.exp (-t))) t
      exact ((hasDerivAt_id' t).neg.exp.sub (Real.hasDerivAt_exp t)).congr_deriv (by ring)
  obtain ⟨-, hQ, -, -⟩ := quotient_noether 2 (fun i j => if i = j then (if i = 0 then 1 else -1) else 0)
    (fun _ => 0) (fun x i => if i = 0 then x 1 else x 0)
    (fun s i => if i = 0 then Real.exp s + Real.exp (-s) else Real.exp (-s) - Real.exp s) 0 1
    (fun i j => by
      by_cases h : i = j
      · subst h; rfl
      · rw [if_neg h, if_neg (Ne.symm h)])
    (fun x => by simp [sgdDot, sgdMatvec] <;> ring) (fun x => by simp [sgdDot]) zero_le_one hflow
  exact hQ.trans (by norm_num [sgdDot, sgdMatvec])

/-! ### quotient.sgd_broken -/

/-- `sgdDot n x y = ∑_{i < n} x i * y i`, by recursion on `n` as in the Coq twin. -/
noncomputable def sgdDot : ℕ → (ℕ → ℝ) → (ℕ → ℝ) → ℝ
  | 0, _, _ => 0
  | n + 1, x, y => sgdDot n x y + x n * y n

/-- One update `θ' = (1 - η lam) θ - η u` (weight decay `lam`, step `η`, direction `u`). -/
noncomputable def sgdUpdate (η lam : ℝ) (θ u : ℕ → ℝ) : ℕ → ℝ := fun i => (1 - η * lam) * θ i - η * u i

/-- The all-ones vector `𝟙`. -/
noncomputable def sgdOnes : ℕ → ℝ := fun _ => 1

/-- The squared norm after one update, for any direction `u`. -/
theorem quotient_sgd_dot_update_sq (n : ℕ) (η lam : ℝ) (θ u : ℕ → ℝ) :
    sgdDot n (sgdUpdate η lam θ u) (sgdUpdate η lam θ u) =
      (1 - η * lam) ^ 2 * sgdDot n θ θ - 2 * η * (1 - η * lam) * sgdDot n θ u +
        η ^ 2 * sgdDot n u u := by
  induction n with
  | zero => simp only [sgdDot]; ring
  | succ n ih =>
    simp only [sgdDot]
    rw [ih]
    simp only [sgdUpdate]
    ring

/-- The mean `⟨θ', 𝟙⟩` after one update, for any direction `u`. -/
theorem quotient_sgd_dot_update_ones (n : ℕ) (η lam : ℝ) (θ u : ℕ → ℝ) :
    sgdDot n (sgdUpdate η lam θ u) sgdOnes =
      (1 - η * lam) * sgdDot n θ sgdOnes - η * sgdDot n u sgdOnes := by
  induction n with
  | zero => simp only [sgdDot]; ring
  | succ n ih =>
    simp only [sgdDot]
    rw [ih]
    simp only [sgdUpdate, sgdOnes]
    ring

/-- **quotient.sgd_broken**. For `θ' = (1 - ηλ) θ - η u` over `ℝⁿ`: the general identity
`|θ'|² = (1 - ηλ)²|θ|² - 2η(1 - ηλ)⟨θ, u⟩ + η²|u|²`, and under the orthogonality hypotheses
the short forms for scale invariance, rescaling (`D = |θ_a|² - |θ_b|²`) and translation. -/
theorem quotient_sgd_broken :
    (∀ n η lam θ u,
      sgdDot n (sgdUpdate η lam θ u) (sgdUpdate η lam θ u) =
        (1 - η * lam) ^ 2 * sgdDot n θ θ - 2 * η * (1 - η * lam) * sgdDot n θ u +
          η ^ 2 * sgdDot n u u) ∧
    (∀ n η lam θ g, sgdDot n θ g = 0 →
      sgdDot n (sgdUpdate η lam θ g) (sgdUpdate η lam θ g) =
        (1 - η * lam) ^ 2 * sgdDot n θ θ + η ^ 2 * sgdDot n g g) ∧
    (∀ na nb η lam θa θb ga gb, sgdDot na θa ga - sgdDot nb θb gb = 0 →
      sgdDot na (sgdUpdate η lam θa ga) (sgdUpdate η lam θa ga) -
          sgdDot nb (sgdUpdate η lam θb gb) (sgdUpdate η lam θb gb) =
        (1 - η * lam) ^ 2 * (sgdDot na θa θa - sgdDot nb θb θb) +
          η ^ 2 * (sgdDot na ga ga - sgdDot nb gb gb)) ∧
    (∀ n η lam θ g, sgdDot n g sgdOnes = 0 →
      sgdDot n (sgdUpdate η lam θ g) sgdOnes = (1 - η * lam) * sgdDot n θ sgdOnes) := by
  refine ⟨quotient_sgd_dot_update_sq, ?_, ?_, ?_⟩
  · intro n η lam θ g h
    rw [quotient_sgd_dot_update_sq, h]
    ring
  · intro na nb η lam θa θb ga gb h
    have h' : sgdDot na θa ga = sgdDot nb θb gb := by linarith
    rw [quotient_sgd_dot_update_sq, quotient_sgd_dot_update_sq, h']
    ring
  · intro n η lam θ g h
    rw [quotient_sgd_dot_update_ones, h]
    ring

/-- Non-vacuity of `quotient_sgd_broken`: `θ = (1, 0)` and `g = (0, 1)` in `ℝ²` are orthogonal,
and `|θ'|² = (1 - ηλ)² + η²`. -/
example (η lam : ℝ) :
    sgdDot 2 (sgdUpdate η lam (fun i => if i = 0 then 1 else 0) (fun i => if i = 1 then 1 else 0))
        (sgdUpdate η lam (fun i => if i = 0 then 1 else 0) (fun i => if i = 1 then 1 else 0)) =
      (1 - η * lam) ^ 2 * 1 + η ^ 2 * 1 := by
  have horth : sgdDot 2 (fun i : ℕ => if i = 0 then (1 : ℝ) else 0)
      (fun i : ℕ => if i = 1 then (1 : ℝ) else 0) = 0 := by
    simp [sgdDot]
  rw [quotient_sgd_broken.2.1 2 η lam _ _ horth]
  simp [sgdDot]

/-! ### quotient.leaf

The rescaling `(u, v) ↦ (eˢu, e⁻ˢv)` (`M = diag(1, -1)`) and its charge `c = u² - v²`. -/

/-- **quotient.leaf** (scalar rescaling). (1) Along the orbit `s ↦ (eˢu, e⁻ˢv)` the charge
`(eˢu)² - (e⁻ˢv)²` has derivative `2((eˢu)² + (e⁻ˢv)²) = 2|M e^{sM} θ|²`; (2) it is strictly
increasing unless `θ = 0`, so an orbit meets each leaf at most once; (3) the gradient of
`L = f(uv)` is orthogonal to `Mθ = (u, -v)`, i.e. tangent to the leaf; (4) on a curve tangent to
the leaf (`u u' - v v' = 0`) the induced metric is `(u² + v²)|θ'|² = w'²` with `w = uv`, and
`(u² + v²)² = c² + 4w²`. -/
theorem quotient_leaf :
    (∀ u v s : ℝ, HasDerivAt (fun r => (Real.exp r * u) ^ 2 - (Real.exp (-r) * v) ^ 2)
      (2 * ((Real.exp s * u) ^ 2 + (Real.exp (-s) * v) ^ 2)) s) ∧
    (∀ u v s₁ s₂ : ℝ, (u ≠ 0 ∨ v ≠ 0) → s₁ < s₂ →
      (Real.exp s₁ * u) ^ 2 - (Real.exp (-s₁) * v) ^ 2 <
        (Real.exp s₂ * u) ^ 2 - (Real.exp (-s₂) * v) ^ 2) ∧
    (∀ (f₁ : ℝ → ℝ) (u v : ℝ), v * f₁ (u * v) * u + u * f₁ (u * v) * (-v) = 0) ∧
    (∀ (u v : ℝ → ℝ) (τ du dv : ℝ), HasDerivAt u du τ → HasDerivAt v dv τ →
      u τ * du - v τ * dv = 0 →
      HasDerivAt (fun r => u r * v r) (du * v τ + u τ * dv) τ ∧
      (u τ ^ 2 + v τ ^ 2) * (du ^ 2 + dv ^ 2) = (du * v τ + u τ * dv) ^ 2 ∧
      (u τ ^ 2 + v τ ^ 2) ^ 2 = (u τ ^ 2 - v τ ^ 2) ^ 2 + 4 * (u τ * v τ) ^ 2) := by
  refine ⟨fun u v s => ?_, fun u v s₁ s₂ huv hs => ?_, fun f₁ u v => by ring,
    fun u v τ du dv hu hv ht => ⟨hu.mul hv, by linear_combination (u τ * du - v τ * dv) * ht,
      by ring⟩⟩
  · have ha : HasDerivAt (fun r => Real.exp r * u) (Real.exp s * u) s :=
      (Real.hasDerivAt_exp s).mul_const u
    have hb : HasDerivAt (fun r => Real.exp (-r) * v) (Real.exp (-s) * -1 * v) s :=
      (hasDerivAt_id' s).neg.exp.mul_const v
    have h := (ha.mul ha).sub (hb.mul hb)
    have e : (fun r => (Real.exp r * u) ^ 2 - (Real.exp (-r) * v) ^ 2) =
        fun r => Real.exp r * u * (Real.exp r * u) - Real.exp (-r) * v * (Real.exp (-r) * v) := by
      funext r; ring
    rw [e]
    exact h.congr_deriv (by ring)
  · have e₁ : Real.exp s₁ < Real.exp s₂ := Real.exp_lt_exp.mpr hs
    have e₂ : Real.exp (-s₂) < Real.exp (-s₁) := Real.exp_lt_exp.mpr (by linarith)
    have p₁ := Real.exp_pos s₁
    have p₂ := Real.exp_pos (-s₂)
    have a₁ : Real.exp s₁ ^ 2 < Real.exp s₂ ^ 2 := by nlinarith
    have a₂ : Real.exp (-s₂) ^ 2 < Real.exp (-s₁) ^ 2 := by nlinarith
    have hu2 : 0 ≤ u ^ 2 := sq_nonneg u
    have hv2 : 0 ≤ v ^ 2 := sq_nonneg v
    simp only [mul_pow]
    rcases huv with hu | hv
    · have hu' : 0 < u ^ 2 := lt_of_le_of_ne hu2 (Ne.symm (pow_ne_zero 2 hu))
      nlinarith [mul_lt_mul_of_pos_right a₁ hu', mul_le_mul_of_nonneg_right a₂.le hv2]
    · have hv' : 0 < v ^ 2 := lt_of_le_of_ne hv2 (Ne.symm (pow_ne_zero 2 hv))
      nlinarith [mul_le_mul_of_nonneg_right a₁.le hu2, mul_lt_mul_of_pos_right a₂ hv']

/-- Non-vacuity of `quotient_leaf`: the curve `u = eʳ + e⁻ʳ`, `v = eʳ - e⁻ʳ` runs along the leaf
`c = 4` (so `u u' - v v' = 0` with `u' = v`, `v' = u`), and the induced-metric identity holds
at `τ = 1`; the point `(1, 1)` moves strictly along its orbit. -/
example :
    HasDerivAt (fun r => Real.exp r + Real.exp (-r)) (Real.exp 1 - Real.exp (-1)) 1 ∧
      HasDerivAt (fun r => Real.exp r - Real.exp (-r)) (Real.exp 1 + Real.exp (-1)) 1 ∧
      (Real.exp 1 + Real.exp (-1)) * (Real.exp 1 - Real.exp (-1)) -
        (Real.exp 1 - Real.exp (-1)) * (Real.exp 1 + Real.exp (-1)) = 0 ∧
      ((Real.exp 1 + Real.exp (-1)) ^ 2 + (Real.exp 1 - Real.exp (-1)) ^ 2) *
          ((Real.exp 1 - Real.exp (-1)) ^ 2 + (Real.exp 1 + Real.exp (-1)) ^ 2) =
        ((Real.exp 1 - Real.exp (-1)) * (Real.exp 1 - Real.exp (-1)) +
          (Real.exp 1 + Real.exp (-1)) * (Real.exp 1 + Real.exp (-1))) ^ 2 ∧
      (Real.exp 1 + Real.exp (-1)) ^ 2 - (Real.exp 1 - Real.exp (-1)) ^ 2 = 4 ∧
      (Real.exp 0 * 1) ^ 2 - (Real.exp (-0) * 1) ^ 2 <
        (Real.exp 1 * 1) ^ 2 - (Real.exp (-1) * 1) ^ 2 := by
  have hu : HasDerivAt (fun r => Real.exp r + Real.exp (-r)) (Real.exp 1 - Real.exp (-1)) 1 :=
    ((Real.hasDerivAt_exp 1).add (hasDerivAt_id' (1 : ℝ)).neg.exp).congr_deriv (by ring)
  have hv : HasDerivAt (fun r => Real.exp r - Real.exp (-r)) (Real.exp 1 + Real.exp (-1)) 1 :=
    ((Real.hasDerivAt_exp 1).sub (hasDerivAt_id' (1 : ℝ)).neg.exp).congr_deriv (by ring)
  have ht : (Real.exp 1 + Real.exp (-1)) * (Real.exp 1 - Real.exp (-1)) -
      (Real.exp 1 - Real.exp (-1)) * (Real.exp 1 + Real.exp (-1)) = 0 := by ring
  have E : Real.exp 1 * Real.exp (-1) = 1 := by rw [← Real.exp_add]; norm_num
  obtain ⟨-, hmono, -, hmetric⟩ := quotient_leaf
  exact ⟨hu, hv, ht, (hmetric _ _ 1 _ _ hu hv ht).2.1, by linear_combination 4 * E,
    hmono 1 1 0 1 (Or.inl one_ne_zero) one_pos⟩

/-! ### quotient.noise_closure -/

/-- `sgdMvec m x = M x` for the diagonal matrix `M = diag(m)`. -/
noncomputable def sgdMvec (m x : ℕ → ℝ) : ℕ → ℝ := fun i => m i * x i

/-- `θ'ᵀMθ'` after one update `θ' = (1 - η lam) θ - η g`, for diagonal `M`. -/
theorem quotient_sgd_dot_mvec_update (n : ℕ) (m : ℕ → ℝ) (η lam : ℝ) (θ g : ℕ → ℝ) :
    sgdDot n (sgdMvec m (sgdUpdate η lam θ g)) (sgdUpdate η lam θ g) =
      (1 - η * lam) ^ 2 * sgdDot n (sgdMvec m θ) θ -
        2 * η * (1 - η * lam) * sgdDot n (sgdMvec m θ) g + η ^ 2 * sgdDot n (sgdMvec m g) g := by
  induction n with
  | zero => simp only [sgdDot]; ring
  | succ n ih =>
    simp only [sgdDot]
    rw [ih]
    simp only [sgdUpdate, sgdMvec]
    ring

/-- **quotient.noise_closure**. (1) The Langevin generator `𝓛 = -G·∇ + TΔ` applied to
`Q = (m₁u² + m₂v²)/2` (diagonal `M`), with the partial derivatives of `Q` derived, is
`T (m₁ + m₂) = T tr M` when `⟨G, Mθ⟩ = 0`; (2) one SGD step with weight decay and
`⟨Mθ, g⟩ = 0` gives `θ'ᵀMθ' = (1 - η lam)² θᵀMθ + η² gᵀMg` over `ℝⁿ` (diagonal `M`). -/
theorem quotient_noise_closure :
    (∀ m₁ m₂ T u v Lu Lv : ℝ, Lu * (m₁ * u) + Lv * (m₂ * v) = 0 →
      (∀ a b : ℝ, HasDerivAt (fun x => (m₁ * x ^ 2 + m₂ * b ^ 2) / 2) (m₁ * a) a ∧
        HasDerivAt (fun y => (m₁ * a ^ 2 + m₂ * y ^ 2) / 2) (m₂ * b) b) ∧
      HasDerivAt (fun x => m₁ * x) m₁ u ∧ HasDerivAt (fun y => m₂ * y) m₂ v ∧
      -(Lu * (m₁ * u) + Lv * (m₂ * v)) + T * (m₁ + m₂) = T * (m₁ + m₂)) ∧
    (∀ (n : ℕ) (m : ℕ → ℝ) (η lam : ℝ) (θ g : ℕ → ℝ), sgdDot n (sgdMvec m θ) g = 0 →
      sgdDot n (sgdMvec m (sgdUpdate η lam θ g)) (sgdUpdate η lam θ g) =
        (1 - η * lam) ^ 2 * sgdDot n (sgdMvec m θ) θ + η ^ 2 * sgdDot n (sgdMvec m g) g) := by
  refine ⟨fun m₁ m₂ T u v Lu Lv h => ⟨fun a b => ⟨?_, ?_⟩, ?_, ?_, by rw [h]; ring⟩,
    fun n m η lam θ g h => by rw [quotient_sgd_dot_mvec_update, h]; ring⟩
  · have e : (fun x => (m₁ * x ^ 2 + m₂ * b ^ 2) / 2) =
        fun x => (m₁ * (x * x) + m₂ * b ^ 2) / 2 := by funext x; ring
    rw [e]
    exact ((((hasDerivAt_id' a).mul (hasDerivAt_id' a)).const_mul m₁).add_const
      (m₂ * b ^ 2)).div_const 2 |>.congr_deriv (by ring)
  · have e : (fun y => (m₁ * a ^ 2 + m₂ * y ^ 2) / 2) =
        fun y => (m₁ * a ^ 2 + m₂ * (y * y)) / 2 := by funext y; ring
    rw [e]
    exact ((((hasDerivAt_id' b).mul (hasDerivAt_id' b)).const_mul m₂).const_add
      (m₁ * a ^ 2)).div_const 2 |>.congr_deriv (by ring)
  · exact ((hasDerivAt_id' u).const_mul m₁).congr_deriv (by ring)
  · exact ((hasDerivAt_id' v).const_mul m₂).congr_deriv (by ring)

/-- Non-vacuity of `quotient_noise_closure`: scale invariance `M = I` with `G = (-2, 1)`
orthogonal to `θ = (1, 2)`, so the drift is `2T`; one SGD step for `L = f(uv)` at `θ = (2, 1)`
with `M = diag(1, -1)` and `g = (1, 2) ∝ (v, u)`, where `θᵀMθ = 3` and `gᵀMg = -3`. -/
example (T η lam : ℝ) :
    ((-2 : ℝ) * (1 * 1) + 1 * (1 * 2) = 0 ∧
      -((-2 : ℝ) * (1 * 1) + 1 * (1 * 2)) + T * (1 + 1) = 2 * T) ∧
    (sgdDot 2 (sgdMvec (fun i => if i = 0 then 1 else -1) (fun i => if i = 0 then 2 else 1))
        (fun i => if i = 0 then 1 else 2) = 0 ∧
      sgdDot 2 (sgdMvec (fun i => if i = 0 then 1 else -1)
          (sgdUpdate η lam (fun i => if i = 0 then 2 else 1) (fun i => if i = 0 then 1 else 2)))
        (sgdUpdate η lam (fun i => if i = 0 then 2 else 1) (fun i => if i = 0 then 1 else 2)) =
        (1 - η * lam) ^ 2 * 3 - η ^ 2 * 3) := by
  have horth : sgdDot 2 (sgdMvec (fun i : ℕ => if i = 0 then (1 : ℝ) else -1)
      (fun i : ℕ => if i = 0 then (2 : ℝ) else 1)) (fun i : ℕ => if i = 0 then (1 : ℝ) else 2) = 0 := by
    simp only [sgdDot, sgdMvec]; norm_num
  refine ⟨⟨by norm_num, ?_⟩, horth, ?_⟩
  · rw [(quotient_noise_closure.1 1 1 T 1 2 (-2) 1 (by norm_num)).2.2.2]
    ring
  · rw [quotient_noise_closure.2 2 _ η lam _ _ horth]
    simp only [sgdDot, sgdMvec]
    norm_num <;> ring

end SymShock
