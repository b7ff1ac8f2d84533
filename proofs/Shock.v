(** * Family S — characteristics, blow-up, shock time and Rankine–Hugoniot (1-D, inviscid).

    - [shock_crossing]: two characteristics [x = y + t p₀(y)] with [y₁ < y₂], [p₀(y₁) > p₀(y₂)]
      meet: there is a [t > 0] at which they do, it satisfies [t (p₀(y₁) − p₀(y₂)) = y₂ − y₁],
      and it is the only meeting time ([shock_crossing_at] takes that [t] as given).
    - [shock_blowup]: no C¹ solution of [p_t + p p_x = 0] on [[0,T] × ℝ] when [p₀'(y) = d < 0]
      and [1 + T d ≤ 0].  The characteristic identity [p_x (1 + t d) = d] is derived from the PDE
      ([shock_blowup_characteristic], the ψ argument), not assumed.
    - [shock_blowup_riccati]: the slope law [q' = −q²], [q(0) = d] gives [q(t) (1 + t d) = d].
    - [shock_time]: (i) [L'' ≥ m], [t ≥ 0], [1 + t m > 0] ⇒ [y ↦ y + t L'(y)] strictly increasing;
      [shock_time_crossing]: (ii) [L'] with derivative [d < 0] at [y₀] and [1 + t d < 0] ⇒ two
      characteristics cross at some [s ∈ (0, t)].
    - [shock_rankine_hugoniot]: the Hopf–Lax tie gives [(p₁ − p₂) x_s' = (p₁² − p₂²)/2].

    Everything is stated without division except [/ 2] and [/ d] under [d < 0]. *)

From Coq Require Import Reals Lra.
From Coquelicot Require Import Coquelicot.
From SymShock Require Import Entropy.
Open Scope R_scope.

(** ** Crossing of characteristics *)

Lemma shock_crossing_at (p0 : R -> R) (y1 y2 t : R) :
  y1 < y2 -> p0 y2 < p0 y1 ->
  t * (p0 y1 - p0 y2) = y2 - y1 ->
  0 < t /\ y1 + t * p0 y1 = y2 + t * p0 y2 /\
  (forall s, y1 + s * p0 y1 = y2 + s * p0 y2 -> s = t).
Proof.
  intros Hy Hp Ht. split; [|split].
  - nra.
  - lra.
  - intros s Hs. apply (Rmult_eq_reg_r (p0 y1 - p0 y2)); lra.
Qed.

(** [shock_crossing]: the two characteristics meet at a positive time, and at only one:
    [t = (y₂ − y₁)/(p₀(y₁) − p₀(y₂))], stated as [t (p₀(y₁) − p₀(y₂)) = y₂ − y₁]. *)
Theorem shock_crossing (p0 : R -> R) (y1 y2 : R) :
  y1 < y2 -> p0 y2 < p0 y1 ->
  exists t, 0 < t /\ y1 + t * p0 y1 = y2 + t * p0 y2 /\ t * (p0 y1 - p0 y2) = y2 - y1 /\
    (forall s, y1 + s * p0 y1 = y2 + s * p0 y2 -> s = t).
Proof.
  intros Hy Hp.
  set (t := (y2 - y1) / (p0 y1 - p0 y2)).
  assert (Ht : t * (p0 y1 - p0 y2) = y2 - y1) by (unfold t; field; lra).
  destruct (shock_crossing_at p0 y1 y2 t Hy Hp Ht) as (H0 & Hm & Hu).
  exists t. tauto.
Qed.

(** Non-vacuity: [p₀(y) = −y] from [y = ∓1]; the characteristics meet at [t = 1] only. *)
Example shock_crossing_example :
  let p0 := fun y => - y in let y1 := -1 in let y2 := 1 in
  y1 < y2 /\ p0 y2 < p0 y1 /\
  (exists t, 0 < t /\ y1 + t * p0 y1 = y2 + t * p0 y2) /\
  (forall s, y1 + s * p0 y1 = y2 + s * p0 y2 -> s = 1).
Proof.
  intros p0 y1 y2.
  assert (Hy : y1 < y2) by (unfold y1, y2; lra).
  assert (Hp : p0 y2 < p0 y1) by (unfold p0, y1, y2; lra).
  destruct (shock_crossing p0 y1 y2 Hy Hp) as (t & H0 & Hm & Ht & Hu).
  split; [exact Hy|]. split; [exact Hp|]. split; [exists t; tauto|].
  intros s Hs. rewrite (Hu s Hs). symmetry. apply (Hu 1). unfold p0, y1, y2. ring.
Qed.

(** ** A linear ODE [g' = −a g] with [g(0) = 0] and continuous [a] vanishes on [[0,T]]

    The proof avoids integrals: with [K = min a] on [[0,T]], [e = g² exp(2 K s)] has
    [e' = 2 g² exp(2Ks) (K − a) ≤ 0], so [0 ≤ e(s) ≤ e(0) = 0] by the mean-value theorem. *)

Lemma continuity_pt_of_is_derive (f : R -> R) (x l : R) : is_derive f x l -> continuity_pt f x.
Proof.
  intros H. apply continuity_pt_filterlim.
  apply (@ex_derive_continuous R_AbsRing R_NormedModule). exists l. exact H.
Qed.

Lemma ode_linear_zero (g a : R -> R) (T : R) :
  (forall s, 0 <= s <= T -> is_derive g s (- a s * g s)) ->
  (forall s, 0 <= s <= T -> continuity_pt a s) ->
  g 0 = 0 ->
  forall s, 0 <= s <= T -> g s = 0.
Proof.
  intros Hg Ha H0 s Hs.
  destruct (continuity_ab_min a 0 T ltac:(lra) Ha) as [m [Hm Hm0]].
  set (K := a m).
  set (e := fun r => g r ^ 2 * exp (2 * K * r)).
  set (de := fun r => 2 * g r ^ 2 * exp (2 * K * r) * (K - a r)).
  assert (De : forall r, 0 <= r <= T -> is_derive e r (de r)).
  { intros r Hr. unfold e, de.
    assert (H1 := is_derive_pow g 2 r _ (Hg r Hr)).
    assert (H2 : is_derive (fun r => exp (2 * K * r)) r (2 * K * exp (2 * K * r))).
    { auto_derive; [exact I | ring]. }
    assert (H3 := is_derive_mult _ _ _ _ _ H1 H2 ltac:(intros; apply Rmult_comm)).
    eapply is_derive_ext; [intros z; reflexivity|].
    replace (2 * g r ^ 2 * exp (2 * K * r) * (K - a r)) with
      (INR 2 * (- a r * g r) * g r ^ Init.Nat.pred 2 * exp (2 * K * r) +
       g r ^ 2 * (2 * K * exp (2 * K * r))); [exact H3|].
    change (INR 2) with (1 + 1). change (Init.Nat.pred 2) with 1%nat. ring. }
  destruct (MVT_gen e 0 s de) as [c [Hc Hmvt]].
  - intros r Hr. apply De. rewrite Rmin_left in Hr by lra. rewrite Rmax_right in Hr by lra. lra.
  - intros r Hr. rewrite Rmin_left in Hr by lra. rewrite Rmax_right in Hr by lra.
    apply (continuity_pt_of_is_derive _ _ (de r)). apply De. lra.
  - rewrite Rmin_left in Hc by lra. rewrite Rmax_right in Hc by lra.
    assert (Hde : de c <= 0).
    { unfold de. assert (a m <= a c) by (apply Hm; lra).
      assert (0 <= 2 * g c ^ 2 * exp (2 * K * c)).
      { apply Rmult_le_pos; [|left; apply exp_pos]. assert (0 <= g c ^ 2) by apply pow2_ge_0. lra. }
      unfold K in *. nra. }
    assert (He0 : e 0 = 0) by (unfold e; rewrite H0; ring).
    assert (Hes : e s <= 0) by nra.
    assert (Hpos : 0 < exp (2 * K * s)) by apply exp_pos.
    assert (Hg2 : g s ^ 2 = 0).
    { unfold e in Hes. assert (0 <= g s ^ 2) by apply pow2_ge_0. nra. }
    nra.
Qed.

(** ** The Riccati law for the slope along a characteristic *)

Lemma shock_blowup_riccati (q : R -> R) (d T : R) :
  (forall s, 0 <= s <= T -> is_derive q s (- q s ^ 2)) ->
  q 0 = d ->
  forall s, 0 <= s <= T -> q s * (1 + s * d) = d.
Proof.
  intros Hq H0 s Hs.
  assert (Z := ode_linear_zero (fun r => q r * (1 + r * d) - d) q T).
  enough (q s * (1 + s * d) - d = 0) by lra.
  apply Z; [| |rewrite H0; ring|exact Hs].
  - intros r Hr.
    assert (H1 : is_derive (fun r => 1 + r * d) r d) by (auto_derive; [exact I | ring]).
    assert (H2 := is_derive_mult _ _ _ _ _ (Hq r Hr) H1 ltac:(intros; apply Rmult_comm)).
    assert (H3 := is_derive_minus _ _ _ _ _ H2 (is_derive_const d r)).
    eapply is_derive_ext; [intros z; reflexivity|].
    replace (- q r * (q r * (1 + r * d) - d)) with
      (minus ((- q r ^ 2) * (1 + r * d) + q r * d) zero); [exact H3|].
    unfold minus, plus, opp, zero; simpl; ring.
  - intros r Hr. apply (continuity_pt_of_is_derive _ _ _ (Hq r Hr)).
Qed.

(** ** The characteristic identity, derived from the PDE (the ψ argument)

    Hypotheses: [p] is differentiable on [[0,T] × ℝ] with partials [pt], [px] (a C¹ solution:
    [px] is continuous along every characteristic line), solves [p_t + p p_x = 0] there and
    starts from [p₀].  Along the characteristic from [y'], [ψ(r) = p(r, y' + r p₀(y')) − p₀(y')]
    has [ψ' = −p_x ψ] and [ψ(0) = 0], so [ψ ≡ 0]: [p] is constant on characteristics.
    Differentiating [p(s, y + s p₀(y)) = p₀(y)] in [y] gives [p_x (1 + s p₀'(y)) = p₀'(y)]. *)

Lemma is_derive_comp_R (f g : R -> R) (x df dg : R) :
  is_derive f (g x) df -> is_derive g x dg -> is_derive (fun y => f (g y)) x (dg * df).
Proof. intros Hf Hg. exact (is_derive_comp f g x df dg Hf Hg). Qed.

Lemma shock_constant_on_characteristics (p pt px : R -> R -> R) (p0 : R -> R) (T : R) :
  (forall s z, 0 <= s <= T -> differentiable_pt_lim p s z (pt s z) (px s z)) ->
  (forall y s, 0 <= s <= T -> continuity_pt (fun r => px r (y + r * p0 y)) s) ->
  (forall s z, 0 <= s <= T -> pt s z + p s z * px s z = 0) ->
  (forall z, p 0 z = p0 z) ->
  forall y s, 0 <= s <= T -> p s (y + s * p0 y) = p0 y.
Proof.
  intros Hd Hc Hpde Hinit y s Hs.
  set (c := p0 y).
  enough (p s (y + s * c) - c = 0) by lra.
  apply (ode_linear_zero (fun r => p r (y + r * c) - c) (fun r => px r (y + r * c)) T);
    [| exact (Hc y) | | exact Hs].
  - intros r Hr.
    assert (H1 : derivable_pt_lim (fun r => p r (y + r * c)) r (pt r (y + r * c) * 1 + px r (y + r * c) * c)).
    { apply (derivable_pt_lim_comp_2d p (fun r => r) (fun r => y + r * c)).
      - apply Hd. exact Hr.
      - apply derivable_pt_lim_id.
      - apply is_derive_Reals. auto_derive; [exact I | ring]. }
    apply is_derive_Reals in H1.
    assert (H2 := is_derive_minus _ _ _ _ _ H1 (is_derive_const c r)).
    eapply is_derive_ext; [intros z; reflexivity|].
    replace (- px r (y + r * c) * (p r (y + r * c) - c)) with
      (minus (pt r (y + r * c) * 1 + px r (y + r * c) * c) zero); [exact H2|].
    assert (E := Hpde r (y + r * c) Hr).
    unfold minus, plus, opp, zero; simpl. lra.
  - rewrite Rmult_0_l, Rplus_0_r, Hinit. unfold c. ring.
Qed.

Lemma shock_blowup_characteristic (p pt px : R -> R -> R) (p0 : R -> R) (y d T : R) :
  (forall s z, 0 <= s <= T -> differentiable_pt_lim p s z (pt s z) (px s z)) ->
  (forall y s, 0 <= s <= T -> continuity_pt (fun r => px r (y + r * p0 y)) s) ->
  (forall s z, 0 <= s <= T -> pt s z + p s z * px s z = 0) ->
  (forall z, p 0 z = p0 z) ->
  is_derive p0 y d ->
  forall s, 0 <= s <= T -> px s (y + s * p0 y) * (1 + s * d) = d.
Proof.
  intros Hd Hc Hpde Hinit Hp0 s Hs.
  assert (Hconst := shock_constant_on_characteristics p pt px p0 T Hd Hc Hpde Hinit).
  assert (Hx : is_derive (fun z => p s z) (y + s * p0 y) (px s (y + s * p0 y))).
  { apply is_derive_Reals.
    assert (H := derivable_pt_lim_comp_2d p (fun _ => s) (fun z => z) (y + s * p0 y)
                   (pt s (y + s * p0 y)) (px s (y + s * p0 y)) 0 1 (Hd _ _ Hs)
                   (derivable_pt_lim_const s _) (derivable_pt_lim_id _)).
    replace (px s (y + s * p0 y)) with (pt s (y + s * p0 y) * 0 + px s (y + s * p0 y) * 1) by ring.
    exact H. }
  assert (Hch : is_derive (fun z => z + s * p0 z) y (1 + s * d)).
  { assert (H := is_derive_plus _ _ _ _ _ (is_derive_id y) (is_derive_scal _ _ s _ Hp0)).
    eapply is_derive_ext; [intros z; reflexivity|]. exact H. }
  assert (Hcomp := is_derive_comp_R (fun z => p s z) (fun z => z + s * p0 z) y _ _ Hx Hch).
  assert (Hp0' : is_derive p0 y ((1 + s * d) * px s (y + s * p0 y))).
  { eapply is_derive_ext; [|exact Hcomp]. intros z. apply Hconst. exact Hs. }
  assert (E1 := is_derive_unique _ _ _ Hp0). assert (E2 := is_derive_unique _ _ _ Hp0').
  rewrite E1 in E2. lra.
Qed.

(** ** Blow-up: no C¹ solution on [[0,T] × ℝ] once [1 + T p₀'(y) ≤ 0] with [p₀'(y) < 0] *)

Theorem shock_blowup (p pt px : R -> R -> R) (p0 : R -> R) (y d T : R) :
  (forall s z, 0 <= s <= T -> differentiable_pt_lim p s z (pt s z) (px s z)) ->
  (forall y s, 0 <= s <= T -> continuity_pt (fun r => px r (y + r * p0 y)) s) ->
  (forall s z, 0 <= s <= T -> pt s z + p s z * px s z = 0) ->
  (forall z, p 0 z = p0 z) ->
  is_derive p0 y d -> d < 0 -> 1 + T * d <= 0 ->
  False.
Proof.
  intros Hd Hc Hpde Hinit Hp0 Hneg HT.
  set (s0 := - / d).
  assert (Hs0 : s0 * d = -1) by (unfold s0; field; lra).
  assert (Hrange : 0 <= s0 <= T).
  { split.
    - unfold s0. left. apply Ropp_0_gt_lt_contravar. apply Rinv_lt_0_compat. exact Hneg.
    - nra. }
  assert (H := shock_blowup_characteristic p pt px p0 y d T Hd Hc Hpde Hinit Hp0 s0 Hrange).
  rewrite Rmult_plus_distr_l, Rmult_1_r, Hs0 in H. lra.
Qed.

(** The same conclusion from the slope law alone: a slope obeying [q' = −q²], [q(0) = d < 0]
    cannot exist on [[0,T]] once [1 + T d ≤ 0]. *)
Lemma shock_blowup_slope (q : R -> R) (d T : R) :
  (forall s, 0 <= s <= T -> is_derive q s (- q s ^ 2)) -> q 0 = d ->
  d < 0 -> 1 + T * d <= 0 -> False.
Proof.
  intros Hq H0 Hneg HT.
  set (s0 := - / d).
  assert (Hs0 : s0 * d = -1) by (unfold s0; field; lra).
  assert (Hrange : 0 <= s0 <= T).
  { split.
    - unfold s0. left. apply Ropp_0_gt_lt_contravar. apply Rinv_lt_0_compat. exact Hneg.
    - nra. }
  assert (H := shock_blowup_riccati q d T Hq H0 s0 Hrange).
  rewrite Rmult_plus_distr_l, Rmult_1_r, Hs0 in H. lra.
Qed.

(** ** Shock time set by curvature *)

(** (i) If [L'' ≥ m], [t ≥ 0] and [1 + t m > 0], the characteristic map [y ↦ y + t L'(y)] is
    strictly increasing, so no two characteristics have crossed by time [t]. *)
Lemma shock_time_monotone (L1 L2 : R -> R) (m t : R) :
  (forall y, is_derive L1 y (L2 y)) -> (forall y, m <= L2 y) ->
  0 <= t -> 0 < 1 + t * m ->
  forall y1 y2, y1 < y2 -> y1 + t * L1 y1 < y2 + t * L1 y2.
Proof.
  intros HL Hm Ht Htm y1 y2 Hy.
  destruct (MVT_gen (fun y => y + t * L1 y) y1 y2 (fun y => 1 + t * L2 y)) as [c [Hc Hmvt]].
  - intros y _. assert (H := is_derive_plus _ _ _ _ _ (is_derive_id y) (is_derive_scal _ _ t _ (HL y))).
    eapply is_derive_ext; [intros z; reflexivity|]. exact H.
  - intros y _. apply (continuity_pt_of_is_derive _ _ (1 + t * L2 y)).
    assert (H := is_derive_plus _ _ _ _ _ (is_derive_id y) (is_derive_scal _ _ t _ (HL y))).
    eapply is_derive_ext; [intros z; reflexivity|]. exact H.
  - assert (0 < 1 + t * L2 c) by (assert (m <= L2 c) by apply Hm; nra).
    nra.
Qed.

(** (ii) If [L'] has derivative [d < 0] at [y₀], then for every [t] with [1 + t d < 0] two
    characteristics starting at [y₀ ∓ h] cross at some [s ∈ (0, t)]. *)
Lemma shock_time_crossing (L1 : R -> R) (y0 d t : R) :
  is_derive L1 y0 d -> d < 0 -> 1 + t * d < 0 ->
  exists y1 y2 s, y1 < y2 /\ 0 < s < t /\ y1 + s * L1 y1 = y2 + s * L1 y2.
Proof.
  intros HL Hd Htd.
  assert (Ht : 0 < t) by nra.
  set (eps := - (1 + t * d) / (2 * t)).
  assert (Heps : 0 < eps) by (unfold eps; apply Rdiv_lt_0_compat; lra).
  assert (Hk : t * (d + eps) = (t * d - 1) / 2) by (unfold eps; field; lra).
  apply is_derive_Reals in HL.
  destruct (HL eps Heps) as [delta Hdelta].
  set (h := delta / 2).
  assert (Hh : 0 < h) by (unfold h; destruct delta; simpl; lra).
  assert (Hhd : h < delta) by (unfold h; destruct delta; simpl; lra).
  assert (Q1 := Hdelta h ltac:(lra) ltac:(rewrite Rabs_right; lra)).
  assert (Q2 := Hdelta (- h) ltac:(lra) ltac:(rewrite Rabs_Ropp, Rabs_right; lra)).
  set (q1 := (L1 (y0 + h) - L1 y0) / h) in Q1.
  set (q2 := (L1 (y0 + - h) - L1 y0) / - h) in Q2.
  assert (E1 : L1 (y0 + h) - L1 y0 = h * q1) by (unfold q1; field; lra).
  assert (E2 : L1 (y0 + - h) - L1 y0 = - h * q2) by (unfold q2; field; lra).
  apply Rabs_def2 in Q1. apply Rabs_def2 in Q2.
  set (D := L1 (y0 + - h) - L1 (y0 + h)).
  assert (HD : 2 * h * (- (d + eps)) < D) by (unfold D; nra).
  assert (HDpos : 0 < D).
  { assert (0 < - (d + eps)) by nra. nra. }
  set (s := (2 * h) / D).
  assert (Hs : s * D = 2 * h) by (unfold s; field; lra).
  destruct (shock_crossing_at L1 (y0 + - h) (y0 + h) s) as [Hs0 [Heq _]].
  - lra.
  - unfold D in HDpos. lra.
  - unfold D in Hs. lra.
  - exists (y0 + - h), (y0 + h), s. split; [lra|]. split; [split; [exact Hs0|]|exact Heq].
    (* s·D = 2h < D·t, since D > 2h (−(d + ε)) and t (−(d + ε)) > 1 *)
    assert (1 < t * (- (d + eps))) by nra.
    nra.
Qed.

(** [shock_time]: the shock time is set by the curvature of [L] — (i) a lower bound [m] on [L'']
    rules out crossing while [1 + t m > 0]; (ii) a point with [L'' = d < 0] forces crossing
    before any [t] with [1 + t d < 0]. *)
Theorem shock_time (L1 L2 : R -> R) :
  (forall y, is_derive L1 y (L2 y)) ->
  (forall m t, (forall y, m <= L2 y) -> 0 <= t -> 0 < 1 + t * m ->
     forall y1 y2, y1 < y2 -> y1 + t * L1 y1 < y2 + t * L1 y2) /\
  (forall y0 t, L2 y0 < 0 -> 1 + t * L2 y0 < 0 ->
     exists y1 y2 s, y1 < y2 /\ 0 < s < t /\ y1 + s * L1 y1 = y2 + s * L1 y2).
Proof.
  intros HL. split.
  - intros m t. apply shock_time_monotone. exact HL.
  - intros y0 t. apply (shock_time_crossing L1 y0 (L2 y0) t). apply HL.
Qed.

(** ** Rankine–Hugoniot from the Hopf–Lax tie

    [V_i(t) = L(y_i) + (x_s − y_i)² / (2t)] is written multiplied by [2t > 0]:
    [2t L(y_i) + (x_s − y_i)²].  Stationarity [t L'(y_i) = x_s − y_i] is needed at [t₀] only;
    it makes the envelope terms in [dV_i/dt] vanish. *)

Lemma hopf_lax_value_derive (L L1 y xs : R -> R) (t0 dy dxs : R) :
  is_derive y t0 dy -> is_derive xs t0 dxs -> is_derive L (y t0) (L1 (y t0)) ->
  is_derive (fun t => 2 * t * L (y t) + (xs t - y t) ^ 2) t0
    (2 * L (y t0) + 2 * t0 * (dy * L1 (y t0)) + 2 * (xs t0 - y t0) * (dxs - dy)).
Proof.
  intros Hy Hxs HL.
  assert (H1 := is_derive_comp_R L y t0 _ _ HL Hy).
  assert (H2 : is_derive (fun t => 2 * t) t0 2) by (auto_derive; [exact I | ring]).
  assert (H3 := is_derive_mult _ _ _ _ _ H2 H1 ltac:(intros; apply Rmult_comm)).
  assert (H4 := is_derive_pow _ 2 t0 _ (is_derive_minus _ _ _ _ _ Hxs Hy)).
  assert (H5 := is_derive_plus _ _ _ _ _ H3 H4).
  eapply is_derive_ext; [intros z; reflexivity|].
  replace (2 * L (y t0) + 2 * t0 * (dy * L1 (y t0)) + 2 * (xs t0 - y t0) * (dxs - dy)) with
    (plus (plus (mult 2 (L (y t0))) (mult (2 * t0) (dy * L1 (y t0))))
          (INR 2 * minus dxs dy * (xs t0 - y t0) ^ Init.Nat.pred 2)); [exact H5|].
  unfold minus, opp, plus, mult; simpl. ring.
Qed.

Theorem shock_rankine_hugoniot (L L1 y1 y2 xs : R -> R) (t0 dy1 dy2 dxs : R) :
  0 < t0 ->
  is_derive y1 t0 dy1 -> is_derive y2 t0 dy2 -> is_derive xs t0 dxs ->
  is_derive L (y1 t0) (L1 (y1 t0)) -> is_derive L (y2 t0) (L1 (y2 t0)) ->
  t0 * L1 (y1 t0) = xs t0 - y1 t0 ->
  t0 * L1 (y2 t0) = xs t0 - y2 t0 ->
  locally t0 (fun t => 2 * t * L (y1 t) + (xs t - y1 t) ^ 2 = 2 * t * L (y2 t) + (xs t - y2 t) ^ 2) ->
  (L1 (y1 t0) - L1 (y2 t0)) * dxs = (L1 (y1 t0) ^ 2 - L1 (y2 t0) ^ 2) / 2.
Proof.
  intros Ht Hy1 Hy2 Hxs HL1 HL2 S1 S2 Htie.
  assert (D1 := hopf_lax_value_derive L L1 y1 xs t0 dy1 dxs Hy1 Hxs HL1).
  assert (D2 := hopf_lax_value_derive L L1 y2 xs t0 dy2 dxs Hy2 Hxs HL2).
  assert (D1' := is_derive_ext_loc _ _ _ _ Htie D1).
  assert (E := eq_trans (eq_sym (is_derive_unique _ _ _ D1')) (is_derive_unique _ _ _ D2)).
  assert (Tie := locally_singleton _ _ Htie). simpl in Tie.
  rewrite <- S1, <- S2 in E, Tie.
  set (p1 := L1 (y1 t0)) in *. set (p2 := L1 (y2 t0)) in *.
  assert (E' := f_equal (Rmult t0) E).
  apply (Rmult_eq_reg_l (2 * (t0 * t0))); [|nra].
  unfold Rdiv. ring_simplify in E'. ring_simplify in Tie. lra.
Qed.

(** ** Non-vacuity *)

(** The Riccati law is met by [q(s) = −1/(1 − s)] ([d = −1]) on [[0, 1/2]]. *)
Example shock_blowup_riccati_example :
  forall s, 0 <= s <= 1 / 2 -> (- / (1 - s)) * (1 + s * -1) = -1.
Proof.
  apply (shock_blowup_riccati (fun s => - / (1 - s)) (-1) (1 / 2)).
  - intros s Hs. auto_derive; [lra | field; lra].
  - field.
Qed.

(** Differentiability of [(s, z) ↦ z · g(s)], for the sharpness example below. *)
Lemma differentiable_pt_lim_mul (a b : R) : differentiable_pt_lim (fun u v => u * v) a b b a.
Proof.
  intros eps. exists eps. intros u v Hu Hv.
  replace (u * v - a * b - (b * (u - a) + a * (v - b))) with ((u - a) * (v - b)) by ring.
  rewrite Rabs_mult.
  apply Rmult_le_compat; try apply Rabs_pos.
  - left. apply (Rlt_le_trans _ eps); [exact Hu | apply Rle_refl].
  - apply Rmax_r.
Qed.

Lemma differentiable_pt_lim_snd (a b : R) : differentiable_pt_lim (fun u v => v) a b 0 1.
Proof.
  intros eps. exists eps. intros u v _ _.
  replace (v - b - (0 * (u - a) + 1 * (v - b))) with 0 by ring. rewrite Rabs_R0.
  apply Rmult_le_pos; [left; apply cond_pos|]. apply (Rle_trans _ _ _ (Rabs_pos (u - a))), Rmax_l.
Qed.

(** Sharpness: [p = −x/(1 − t)] from [p₀(y) = −y] ([d = −1]) is a C¹ solution on [[0, 1/2] × ℝ];
    every hypothesis of [shock_blowup] holds except [1 + T d ≤ 0], which fails ([1 − 1/2 > 0]). *)
Example shock_blowup_example :
  let g := fun s => - / (1 - s) in
  let p := fun s z => z * g s in
  let pt := fun s z => g s * 0 + z * (- / (1 - s) ^ 2) in
  let px := fun s z => g s * 1 + z * 0 in
  let p0 := fun z => p 0 z in
  (forall s z, 0 <= s <= 1 / 2 -> differentiable_pt_lim p s z (pt s z) (px s z)) /\
  (forall y s, 0 <= s <= 1 / 2 -> continuity_pt (fun r => px r (y + r * p0 y)) s) /\
  (forall s z, 0 <= s <= 1 / 2 -> pt s z + p s z * px s z = 0) /\
  (forall z, p 0 z = p0 z) /\
  is_derive p0 0 (-1) /\ -1 < 0 /\ ~ (1 + 1 / 2 * -1 <= 0).
Proof.
  intros g p pt px p0.
  assert (Dg : forall s, s < 1 -> is_derive g s (- / (1 - s) ^ 2)).
  { intros s Hs. unfold g. auto_derive; [lra | field; lra]. }
  split; [|split; [|split; [|split; [|split]]]].
  - intros s z Hs.
    apply (differentiable_pt_lim_comp (fun a b => a * b) (fun u v => v) (fun u v => g u)).
    + apply differentiable_pt_lim_mul.
    + apply differentiable_pt_lim_snd.
    + apply differentiable_pt_lim_proj1_0. apply is_derive_Reals. apply Dg. lra.
  - intros y s Hs.
    apply (continuity_pt_of_is_derive _ _ (- / (1 - s) ^ 2)).
    unfold px, p0, p, g. auto_derive; [repeat split; lra | field; lra].
  - intros s z Hs. unfold pt, p, px, g. field. lra.
  - reflexivity.
  - unfold p0, p, g. auto_derive; [lra | field].
  - lra.
Qed.

(** The characteristic identity on the sharpness example: [p_x (1 − s) = −1] along [x = 0]. *)
Example shock_blowup_characteristic_example :
  forall s, 0 <= s <= 1 / 2 -> (- / (1 - s) * 1 + (0 + s * (0 * - / (1 - 0))) * 0) * (1 + s * -1) = -1.
Proof.
  intros s Hs.
  destruct shock_blowup_example as (Hd & Hc & Hpde & Hinit & Hp0 & _).
  exact (shock_blowup_characteristic _ _ _ _ 0 (-1) (1 / 2) Hd Hc Hpde Hinit Hp0 s Hs).
Qed.

(** The double well [L = (y² − 1)²/4], [L' = y³ − y], [L'' = 3y² − 1 ≥ −1]: no crossing before
    [t = 1/2]; crossing before [t = 2] from [y₀ = 0] where [L''(0) = −1]. *)
Example shock_time_example :
  let L1 := fun y => y ^ 3 - y in
  (forall y1 y2, y1 < y2 -> y1 + 1 / 2 * L1 y1 < y2 + 1 / 2 * L1 y2) /\
  (exists y1 y2 s, y1 < y2 /\ 0 < s < 2 /\ y1 + s * L1 y1 = y2 + s * L1 y2).
Proof.
  intros L1.
  destruct (shock_time L1 (fun y => 3 * y ^ 2 - 1)) as [A B].
  - intros y. unfold L1. auto_derive; [exact I | ring].
  - split.
    + apply (A (-1)); [intros y; nra | lra | lra].
    + apply (B 0); lra.
Qed.

(** A moving shock between genuine minimizers: [L(y) = (y² − 1)²/4 + y] (the double well tilted by
    [m = 1]), [x_s(t) = t], [y₁ = −√(1 − 1/t)], [y₂ = √(1 − 1/t)]; at [t₀ = 4/3] the minimizers
    of [2t₀L(y) + (x_s − y)²] are exactly [∓1/2] (the functional minus its minimum is
    [(2/3)(y² − 1/4)²]), the two Hopf–Lax values tie for every [t], the slopes [p₁ = 11/8] and
    [p₂ = 5/8] differ, and the speed [1 = (p₁ + p₂)/2]. *)
Example shock_rankine_hugoniot_example :
  let L := fun y => (y ^ 2 - 1) ^ 2 / 4 + y in let L1 := fun y => y ^ 3 - y + 1 in
  let y1 := fun t => - sqrt (1 - / t) in let y2 := fun t => sqrt (1 - / t) in
  let xs := fun t : R => t in let t0 := 4 / 3 in let dxs := 1 in
  exists dy1 dy2,
  0 < t0 /\ is_derive y1 t0 dy1 /\ is_derive y2 t0 dy2 /\ is_derive xs t0 dxs /\
  is_derive L (y1 t0) (L1 (y1 t0)) /\ is_derive L (y2 t0) (L1 (y2 t0)) /\
  t0 * L1 (y1 t0) = xs t0 - y1 t0 /\ t0 * L1 (y2 t0) = xs t0 - y2 t0 /\
  locally t0 (fun t => 2 * t * L (y1 t) + (xs t - y1 t) ^ 2 = 2 * t * L (y2 t) + (xs t - y2 t) ^ 2) /\
  (forall y, 2 * t0 * L (y1 t0) + (xs t0 - y1 t0) ^ 2 <= 2 * t0 * L y + (xs t0 - y) ^ 2) /\
  (forall y, 2 * t0 * L (y2 t0) + (xs t0 - y2 t0) ^ 2 <= 2 * t0 * L y + (xs t0 - y) ^ 2) /\
  L1 (y1 t0) <> L1 (y2 t0) /\
  (L1 (y1 t0) - L1 (y2 t0)) * dxs = (L1 (y1 t0) ^ 2 - L1 (y2 t0) ^ 2) / 2.
Proof.
  intros L L1 y1 y2 xs t0 dxs.
  assert (Hs : sqrt (1 - / (4 / 3)) = 1 / 2).
  { replace (1 - / (4 / 3)) with ((1 / 2) ^ 2) by field. apply sqrt_pow2. lra. }
  assert (Hpos : 0 < 1 - / (4 / 3)) by (replace (1 - / (4 / 3)) with (1 / 4) by field; lra).
  exists (- (9 / 16)), (9 / 16).
  assert (H0 : 0 < t0) by (unfold t0; lra).
  assert (D1 : is_derive y1 t0 (- (9 / 16))).
  { unfold y1, t0. auto_derive.
    - repeat split; try exact I; try lra.
    - replace (1 + - / (4 / 3)) with (1 - / (4 / 3)) by ring. rewrite Hs. field. }
  assert (D2 : is_derive y2 t0 (9 / 16)).
  { unfold y2, t0. auto_derive.
    - repeat split; try exact I; try lra.
    - replace (1 + - / (4 / 3)) with (1 - / (4 / 3)) by ring. rewrite Hs. field. }
  assert (D3 : is_derive xs t0 dxs) by (unfold xs, dxs; auto_derive; [exact I | ring]).
  assert (E1 : y1 t0 = - (1 / 2)) by (unfold y1, t0; rewrite Hs; reflexivity).
  assert (E2 : y2 t0 = 1 / 2) by (unfold y2, t0; rewrite Hs; reflexivity).
  assert (D4 : is_derive L (y1 t0) (L1 (y1 t0))).
  { rewrite E1. unfold L, L1. auto_derive; [exact I | nra]. }
  assert (D5 : is_derive L (y2 t0) (L1 (y2 t0))).
  { rewrite E2. unfold L, L1. auto_derive; [exact I | nra]. }
  assert (S1 : t0 * L1 (y1 t0) = xs t0 - y1 t0) by (rewrite E1; unfold t0, L1, xs; field).
  assert (S2 : t0 * L1 (y2 t0) = xs t0 - y2 t0) by (rewrite E2; unfold t0, L1, xs; field).
  assert (T : locally t0 (fun t => 2 * t * L (y1 t) + (xs t - y1 t) ^ 2 = 2 * t * L (y2 t) + (xs t - y2 t) ^ 2)).
  { apply filter_forall. intros t. unfold L, xs, y1, y2. set (r := sqrt (1 - / t)). field. }
  assert (M1 : forall y, 2 * t0 * L (y1 t0) + (xs t0 - y1 t0) ^ 2 <= 2 * t0 * L y + (xs t0 - y) ^ 2).
  { intros y. rewrite E1. unfold t0, L, xs. assert (H := pow2_ge_0 (y ^ 2 - 1 / 4)). nra. }
  assert (M2 : forall y, 2 * t0 * L (y2 t0) + (xs t0 - y2 t0) ^ 2 <= 2 * t0 * L y + (xs t0 - y) ^ 2).
  { intros y. rewrite E2. unfold t0, L, xs. assert (H := pow2_ge_0 (y ^ 2 - 1 / 4)). nra. }
  do 11 (split; [assumption|]). split.
  - rewrite E1, E2. unfold L1. lra.
  - exact (shock_rankine_hugoniot L L1 y1 y2 xs t0 _ _ dxs H0 D1 D2 D3 D4 D5 S1 S2 T).
Qed.


(** ** shock.leaf_time: the shock time on the Noether leaf (arclength [s], F_c = f ∘ w) *)

Lemma locally_open_interval (a b r : R) : a < r < b -> locally r (fun x => a < x < b).
Proof.
  intros Hr.
  assert (He : 0 < Rmin (r - a) (b - r)) by (apply Rmin_pos; lra).
  exists (mkposreal _ He). intros x Hx.
  change (Rabs (x - r) < Rmin (r - a) (b - r)) in Hx.
  assert (H1 := Rmin_l (r - a) (b - r)). assert (H2 := Rmin_r (r - a) (b - r)).
  apply Rabs_def2 in Hx. lra.
Qed.

Lemma shock_time_monotone_on (L1 L2 : R -> R) (a b m t : R) :
  (forall y, a < y < b -> is_derive L1 y (L2 y)) -> (forall y, a < y < b -> m <= L2 y) ->
  0 <= t -> 0 < 1 + t * m ->
  forall y1 y2, a < y1 -> y1 < y2 -> y2 < b -> y1 + t * L1 y1 < y2 + t * L1 y2.
Proof.
  intros HL Hm Ht Htm y1 y2 Ha Hy Hb.
  assert (D : forall y, a < y < b -> is_derive (fun y => y + t * L1 y) y (1 + t * L2 y)).
  { intros y Hy'. assert (H := is_derive_plus _ _ _ _ _ (is_derive_id y) (is_derive_scal _ _ t _ (HL y Hy'))).
    eapply is_derive_ext; [intros z; reflexivity|]. exact H. }
  destruct (MVT_gen (fun y => y + t * L1 y) y1 y2 (fun y => 1 + t * L2 y)) as [c [Hc Hmvt]].
  - intros y Hy'. rewrite Rmin_left in Hy' by lra. rewrite Rmax_right in Hy' by lra. apply D. lra.
  - intros y Hy'. rewrite Rmin_left in Hy' by lra. rewrite Rmax_right in Hy' by lra.
    apply (continuity_pt_of_is_derive _ _ (1 + t * L2 y)). apply D. lra.
  - rewrite Rmin_left in Hc by lra. rewrite Rmax_right in Hc by lra.
    assert (0 < 1 + t * L2 c) by (assert (m <= L2 c) by (apply Hm; lra); nra).
    nra.
Qed.

(** (ii), localised: the two crossing characteristics can be taken within [ε] of [y₀]. *)
Lemma shock_time_crossing_near (L1 : R -> R) (y0 d t eps : R) :
  is_derive L1 y0 d -> d < 0 -> 1 + t * d < 0 -> 0 < eps ->
  exists y1 y2 s, y0 - eps < y1 /\ y1 < y2 /\ y2 < y0 + eps /\ 0 < s < t /\
    y1 + s * L1 y1 = y2 + s * L1 y2.
Proof.
  intros HL Hd Htd Hep.
  assert (Ht : 0 < t) by nra.
  set (k := - (1 + t * d) / (2 * t)).
  assert (Hk0 : 0 < k) by (unfold k; apply Rdiv_lt_0_compat; lra).
  assert (Hk : t * (d + k) = (t * d - 1) / 2) by (unfold k; field; lra).
  apply is_derive_Reals in HL.
  destruct (HL k Hk0) as [delta Hdelta].
  set (h := Rmin delta eps / 2).
  assert (Hm := Rmin_l delta eps). assert (Hm' := Rmin_r delta eps).
  assert (Hmp : 0 < Rmin delta eps) by (apply Rmin_pos; [apply cond_pos | exact Hep]).
  assert (Hh : 0 < h) by (unfold h; lra).
  assert (Hhd : h < delta) by (unfold h; lra).
  assert (Hhe : h < eps) by (unfold h; lra).
  assert (Q1 := Hdelta h ltac:(lra) ltac:(rewrite Rabs_right; lra)).
  assert (Q2 := Hdelta (- h) ltac:(lra) ltac:(rewrite Rabs_Ropp, Rabs_right; lra)).
  set (q1 := (L1 (y0 + h) - L1 y0) / h) in Q1.
  set (q2 := (L1 (y0 + - h) - L1 y0) / - h) in Q2.
  assert (E1 : L1 (y0 + h) - L1 y0 = h * q1) by (unfold q1; field; lra).
  assert (E2 : L1 (y0 + - h) - L1 y0 = - h * q2) by (unfold q2; field; lra).
  apply Rabs_def2 in Q1. apply Rabs_def2 in Q2.
  set (D := L1 (y0 + - h) - L1 (y0 + h)).
  assert (HD : 2 * h * (- (d + k)) < D) by (unfold D; nra).
  assert (HDpos : 0 < D).
  { assert (0 < - (d + k)) by nra. nra. }
  set (s := (2 * h) / D).
  assert (Hs : s * D = 2 * h) by (unfold s; field; lra).
  assert (Hs0 : 0 < s) by (unfold s; apply Rdiv_lt_0_compat; lra).
  exists (y0 + - h), (y0 + h), s.
  split; [lra|]. split; [lra|]. split; [lra|]. split; [split; [exact Hs0|]|].
  - assert (1 < t * (- (d + k))) by nra. nra.
  - unfold D in Hs. lra.
Qed.

Theorem shock_leaf_time (f f1 f2 w q dq : R -> R) (c a b : R) :
  (forall z, is_derive f z (f1 z)) -> (forall z, is_derive f1 z (f2 z)) ->
  (forall r, a < r < b ->
     is_derive w r (q r) /\ is_derive q r (dq r) /\ q r ^ 4 = c ^ 2 + 4 * w r ^ 2 /\ 0 < q r) ->
  let F1 := fun r => f1 (w r) * q r in
  let F2 := fun r => f2 (w r) * q r ^ 2 + f1 (w r) * dq r in
  (forall r, a < r < b ->
     is_derive (fun x => f (w x)) r (F1 r) /\ is_derive F1 r (F2 r) /\
     q r ^ 2 * F2 r = f2 (w r) * (c ^ 2 + 4 * w r ^ 2) + 2 * w r * f1 (w r)) /\
  (forall m t, (forall r, a < r < b -> m <= F2 r) -> 0 <= t -> 0 < 1 + t * m ->
     forall y1 y2, a < y1 -> y1 < y2 -> y2 < b -> y1 + t * F1 y1 < y2 + t * F1 y2) /\
  (forall y0 t, a < y0 < b -> F2 y0 < 0 -> 1 + t * F2 y0 < 0 ->
     exists y1 y2 s, a < y1 /\ y1 < y2 /\ y2 < b /\ 0 < s < t /\ y1 + s * F1 y1 = y2 + s * F1 y2) /\
  (* f = (w − 1)²/2: the leaf loss is convex iff c² ≥ 1/6, and then never shocks *)
  ((forall z, f1 z = z - 1) -> (forall z, f2 z = 1) ->
     (1 / 6 <= c ^ 2 <-> forall z, 0 <= f2 z * (c ^ 2 + 4 * z ^ 2) + 2 * z * f1 z) /\
     (1 / 6 <= c ^ 2 -> forall t y1 y2, 0 <= t -> a < y1 -> y1 < y2 -> y2 < b ->
        y1 + t * F1 y1 < y2 + t * F1 y2)).
Proof.
  intros Hf Hf1 Hleaf F1 F2.
  assert (Loc : forall r, a < r < b ->
     is_derive (fun x => f (w x)) r (F1 r) /\ is_derive F1 r (F2 r) /\
     q r ^ 2 * F2 r = f2 (w r) * (c ^ 2 + 4 * w r ^ 2) + 2 * w r * f1 (w r)).
  { intros r Hr.
    assert (Hi := locally_open_interval a b r Hr).
    destruct (Hleaf r Hr) as (_ & Hq & _ & Hpos).
    destruct (entropy_leaf f f1 f2 w q c r (dq r) Hf (Hf1 (w r))
                (filter_imp _ _ (fun x Hx => proj1 (Hleaf x Hx)) Hi) Hq
                (filter_imp _ _ (fun x Hx => proj1 (proj2 (proj2 (Hleaf x Hx)))) Hi) Hpos)
      as (D1 & D2 & E).
    split; [exact (locally_singleton _ _ D1) | split; [exact D2 | exact E]]. }
  assert (Mono : forall m t, (forall r, a < r < b -> m <= F2 r) -> 0 <= t -> 0 < 1 + t * m ->
     forall y1 y2, a < y1 -> y1 < y2 -> y2 < b -> y1 + t * F1 y1 < y2 + t * F1 y2).
  { intros m t Hm Ht Htm. apply (shock_time_monotone_on F1 F2 a b m t); try assumption.
    intros y Hy. apply Loc. exact Hy. }
  split; [exact Loc|]. split; [exact Mono|]. split.
  - intros y0 t Hy0 Hd Htd.
    assert (He : 0 < Rmin (y0 - a) (b - y0)) by (apply Rmin_pos; lra).
    destruct (shock_time_crossing_near F1 y0 (F2 y0) t _ (proj1 (proj2 (Loc y0 Hy0))) Hd Htd He)
      as (y1 & y2 & s & H1 & H2 & H3 & Hs & Heq).
    assert (M1 := Rmin_l (y0 - a) (b - y0)). assert (M2 := Rmin_r (y0 - a) (b - y0)).
    exists y1, y2, s. repeat split; try lra; tauto.
  - intros E1 E2.
    assert (Iff : 1 / 6 <= c ^ 2 <-> forall z, 0 <= f2 z * (c ^ 2 + 4 * z ^ 2) + 2 * z * f1 z).
    { split.
      - intros Hc z. rewrite E1, E2. assert (H := pow2_ge_0 (z - 1 / 6)). nra.
      - intros H. assert (H0 := H (1 / 6)). rewrite E1, E2 in H0. lra. }
    split; [exact Iff|].
    intros Hc t y1 y2 Ht Ha Hy Hb.
    apply (Mono 0 t); try lra.
    intros r Hr. destruct (Loc r Hr) as (_ & _ & E). destruct (Hleaf r Hr) as (_ & _ & _ & Hpos).
    assert (N := proj1 Iff Hc (w r)).
    assert (0 < q r ^ 2) by (apply pow2_gt_0; lra).
    nra.
Qed.

(** Non-vacuity: the balanced leaf [c = 0] on the ray [s ∈ (0, 2)], [w = s²/2], [q = s],
    [f(w) = (w − 1)²/2]; [F₀''(1/2) = −5/8], so two characteristics near [s = 1/2] cross before
    [t = 2], and this leaf is not in the convex range [c² ≥ 1/6]. *)
Example shock_leaf_time_example :
  let f := fun z => (z - 1) ^ 2 / 2 in let f1 := fun z => z - 1 in let f2 := fun _ : R => 1 in
  let w := fun r => r ^ 2 / 2 in let q := fun r : R => r in let dq := fun _ : R => 1 in
  let c := 0 in let a := 0 in let b := 2 in
  let F1 := fun r => f1 (w r) * q r in
  (forall z, is_derive f z (f1 z)) /\ (forall z, is_derive f1 z (f2 z)) /\
  (forall r, a < r < b ->
     is_derive w r (q r) /\ is_derive q r (dq r) /\ q r ^ 4 = c ^ 2 + 4 * w r ^ 2 /\ 0 < q r) /\
  (exists y1 y2 s, a < y1 /\ y1 < y2 /\ y2 < b /\ 0 < s < 2 /\ y1 + s * F1 y1 = y2 + s * F1 y2) /\
  ~ (1 / 6 <= c ^ 2).
Proof.
  intros f f1 f2 w q dq c a b F1.
  assert (H1 : forall z, is_derive f z (f1 z)) by (intros z; unfold f, f1; auto_derive; [exact I | field]).
  assert (H2 : forall z, is_derive f1 z (f2 z)) by (intros z; unfold f1, f2; auto_derive; [exact I | ring]).
  assert (H3 : forall r, a < r < b ->
     is_derive w r (q r) /\ is_derive q r (dq r) /\ q r ^ 4 = c ^ 2 + 4 * w r ^ 2 /\ 0 < q r).
  { intros r Hr. unfold a, b in Hr. split; [|split; [|split]].
    - unfold w, q. auto_derive; [exact I | field].
    - unfold q, dq. auto_derive; [exact I | ring].
    - unfold q, c, w. field.
    - unfold q. lra. }
  destruct (shock_leaf_time f f1 f2 w q dq c a b H1 H2 H3) as (_ & _ & Hcross & _).
  split; [exact H1|]. split; [exact H2|]. split; [exact H3|]. split.
  - apply (Hcross (1 / 2) 2).
    + unfold a, b. lra.
    + unfold f2, w, q, f1, dq. lra.
    + unfold f2, w, q, f1, dq. lra.
  - unfold c. lra.
Qed.

Print Assumptions shock_crossing.
Print Assumptions shock_blowup.
Print Assumptions shock_time.
Print Assumptions shock_rankine_hugoniot.
Print Assumptions shock_blowup_characteristic.
Print Assumptions shock_blowup_riccati.
Print Assumptions shock_time_crossing.
Print Assumptions shock_leaf_time.
