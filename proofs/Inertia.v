(** * Family I — computational inertia (Karagöz 2025, arXiv 2505.19171)

    Energy E = ½v² + L(θ) along θ' = v, v' = −L'(θ) − γv.  Every derivative is an
    [is_derive] hypothesis on abstract functions; the only divisions are by the
    constants 2 and 4.

    - [inertia_conserved]: γ = 0 gives dE/dt = 0 (1-D, and ℝ² with a jointly
      differentiable loss, [differentiable_pt_lim]).
    - [inertia_damped]: dE/dt = −γv², and with γ ≥ 0 on [a,b], E(t₂) ≤ E(t₁) for
      a ≤ t₁ ≤ t₂ ≤ b (mean value theorem [MVT_gen]).
    - [inertia_ito]: the generator identity of underdamped Langevin dynamics, with the
      partial derivatives of E characterised by [is_derive].
    - [inertia_leapfrog]: one kick–drift–kick step conserves the modified energy;
      one explicit Euler step multiplies E by 1 + h²ω². *)

From Coq Require Import Reals Lra.
From Coquelicot Require Import Coquelicot.
From SymShock Require Import Calculus.
Open Scope R_scope.

(** ** Derivative plumbing *)

Lemma is_derive_val (f : R -> R) (x l l' : R) :
  is_derive f x l -> l = l' -> is_derive f x l'.
Proof. intros H ->. exact H. Qed.

Lemma is_derive_fext (f g : R -> R) (x l : R) :
  (forall s : R, f s = g s) -> is_derive f x l -> is_derive g x l.
Proof. intros H. apply is_derive_ext. exact H. Qed.

Lemma is_derive_half_sq (v : R -> R) (t a : R) :
  is_derive v t a -> is_derive (fun s => v s ^ 2 / 2) t (v t * a).
Proof.
  intros Hv.
  apply is_derive_fext with (f := fun s => / 2 * v s ^ 2). { intro s. field. }
  eapply is_derive_val. { apply is_derive_scal, is_derive_pow, Hv. }
  replace (INR 2) with 2 by (simpl; ring). change (pred 2) with 1%nat. field.
Qed.

Lemma is_derive_along (L L' theta : R -> R) (t d : R) :
  is_derive theta t d -> is_derive L (theta t) (L' (theta t)) ->
  is_derive (fun s => L (theta s)) t (L' (theta t) * d).
Proof.
  intros Ht HL. eapply is_derive_val. { apply (is_derive_comp L theta t _ _ HL Ht). }
  apply Rmult_comm.
Qed.

Lemma is_derive_id_R (x : R) : is_derive (fun t : R => t) x 1.
Proof. exact (@is_derive_id R_AbsRing x). Qed.

Lemma is_derive_add (f g : R -> R) (x a b : R) :
  is_derive f x a -> is_derive g x b -> is_derive (fun s => f s + g s) x (a + b).
Proof. intros Hf Hg. apply (is_derive_plus f g x a b Hf Hg). Qed.

(** The energy along any (θ, v) with θ' = v and v' = acc. *)
Lemma energy_derive (L L' theta v : R -> R) (t acc : R) :
  is_derive theta t (v t) ->
  is_derive v t acc ->
  is_derive L (theta t) (L' (theta t)) ->
  is_derive (fun s => v s ^ 2 / 2 + L (theta s)) t (v t * acc + L' (theta t) * v t).
Proof.
  intros Ht Hv HL.
  apply is_derive_add; [apply is_derive_half_sq, Hv | apply is_derive_along; assumption].
Qed.

(** ** inertia.conserved *)

Lemma inertia_conserved_1d (L L' theta v : R -> R) (t : R) :
  is_derive theta t (v t) ->
  is_derive v t (- L' (theta t)) ->
  is_derive L (theta t) (L' (theta t)) ->
  is_derive (fun s => v s ^ 2 / 2 + L (theta s)) t 0.
Proof.
  intros Ht Hv HL. eapply is_derive_val. { apply (energy_derive L L' theta v t _ Ht Hv HL). }
  ring.
Qed.

(** ℝ²: θ = (θ₁, θ₂), v = (v₁, v₂), L jointly (Fréchet) differentiable at θ(t) with
    partial derivatives L₁, L₂. *)
Lemma inertia_conserved_2d (L : R -> R -> R) (L1 L2 : R -> R -> R)
    (th1 th2 v1 v2 : R -> R) (t : R) :
  is_derive th1 t (v1 t) -> is_derive th2 t (v2 t) ->
  is_derive v1 t (- L1 (th1 t) (th2 t)) -> is_derive v2 t (- L2 (th1 t) (th2 t)) ->
  differentiable_pt_lim L (th1 t) (th2 t) (L1 (th1 t) (th2 t)) (L2 (th1 t) (th2 t)) ->
  is_derive (fun s => v1 s ^ 2 / 2 + v2 s ^ 2 / 2 + L (th1 s) (th2 s)) t 0.
Proof.
  intros H1 H2 Hv1 Hv2 HL.
  assert (HP : is_derive (fun s => L (th1 s) (th2 s)) t
                 (L1 (th1 t) (th2 t) * v1 t + L2 (th1 t) (th2 t) * v2 t)).
  { apply is_derive_Reals, derivable_pt_lim_comp_2d; [exact HL | |];
      apply is_derive_Reals; assumption. }
  eapply is_derive_val.
  { apply is_derive_add; [apply is_derive_add; apply is_derive_half_sq; eassumption | exact HP]. }
  ring.
Qed.

Theorem inertia_conserved :
  (forall (L L' theta v : R -> R) (t : R),
     is_derive theta t (v t) ->
     is_derive v t (- L' (theta t)) ->
     is_derive L (theta t) (L' (theta t)) ->
     is_derive (fun s => v s ^ 2 / 2 + L (theta s)) t 0) /\
  (forall (L L1 L2 : R -> R -> R) (th1 th2 v1 v2 : R -> R) (t : R),
     is_derive th1 t (v1 t) -> is_derive th2 t (v2 t) ->
     is_derive v1 t (- L1 (th1 t) (th2 t)) -> is_derive v2 t (- L2 (th1 t) (th2 t)) ->
     differentiable_pt_lim L (th1 t) (th2 t) (L1 (th1 t) (th2 t)) (L2 (th1 t) (th2 t)) ->
     is_derive (fun s => v1 s ^ 2 / 2 + v2 s ^ 2 / 2 + L (th1 s) (th2 s)) t 0).
Proof. split; [exact inertia_conserved_1d | exact inertia_conserved_2d]. Qed.

(** Non-vacuity: the harmonic oscillator θ = sin, v = cos, L = θ²/2 meets every hypothesis. *)
Example inertia_conserved_example :
  let L := fun x => x ^ 2 / 2 in let L' := fun x : R => x in let theta := sin in let v := cos in
  let t := 1 in
  is_derive theta t (v t) /\ is_derive v t (- L' (theta t)) /\ is_derive L (theta t) (L' (theta t)) /\
  is_derive (fun s => v s ^ 2 / 2 + L (theta s)) t 0.
Proof.
  intros L L' theta v t.
  assert (H1 : is_derive theta t (v t)) by apply is_derive_Reals, derivable_pt_lim_sin.
  assert (H2 : is_derive v t (- L' (theta t))) by apply is_derive_Reals, derivable_pt_lim_cos.
  assert (H3 : is_derive L (theta t) (L' (theta t))) by (unfold L, L'; auto_derive; [exact I | field]).
  split; [exact H1|]. split; [exact H2|]. split; [exact H3|].
  exact (inertia_conserved_1d L L' theta v t H1 H2 H3).
Qed.

(** Non-vacuity of the ℝ² part: L(u, v) = uv, θ₁ = θ₂ = sin, v₁ = v₂ = cos
    (θ₁'' = −θ₂ = −∂₁L, θ₂'' = −θ₁ = −∂₂L). *)
Example inertia_conserved_2d_example (t : R) :
  is_derive (fun s => cos s ^ 2 / 2 + cos s ^ 2 / 2 + sin s * sin s) t 0.
Proof.
  apply (inertia_conserved_2d (fun u v => u * v) (fun _ v => v) (fun u _ => u) sin sin cos cos t).
  - apply is_derive_Reals, derivable_pt_lim_sin.
  - apply is_derive_Reals, derivable_pt_lim_sin.
  - apply is_derive_Reals, derivable_pt_lim_cos.
  - apply is_derive_Reals, derivable_pt_lim_cos.
  - apply differentiable_pt_lim_mult.
Qed.

(** ** inertia.damped *)

Lemma inertia_damped_rate (L L' theta v : R -> R) (gamma t : R) :
  is_derive theta t (v t) ->
  is_derive v t (- L' (theta t) - gamma * v t) ->
  is_derive L (theta t) (L' (theta t)) ->
  is_derive (fun s => v s ^ 2 / 2 + L (theta s)) t (- gamma * v t ^ 2).
Proof.
  intros Ht Hv HL. eapply is_derive_val. { apply (energy_derive L L' theta v t _ Ht Hv HL). }
  ring.
Qed.

Lemma inertia_damped_monotone (L L' theta v : R -> R) (gamma a b : R) :
  0 <= gamma ->
  (forall t, a <= t <= b ->
     is_derive theta t (v t) /\
     is_derive v t (- L' (theta t) - gamma * v t) /\
     is_derive L (theta t) (L' (theta t))) ->
  forall t1 t2, a <= t1 -> t1 <= t2 -> t2 <= b ->
  v t2 ^ 2 / 2 + L (theta t2) <= v t1 ^ 2 / 2 + L (theta t1).
Proof.
  intros Hg Hode t1 t2 Ha H12 Hb.
  set (E := fun s => v s ^ 2 / 2 + L (theta s)).
  assert (HE : forall s, a <= s <= b -> is_derive E s (- gamma * v s ^ 2)).
  { intros s Hs. destruct (Hode s Hs) as (Ht & Hv & HL).
    apply (inertia_damped_rate L L' theta v gamma s Ht Hv HL). }
  destruct (MVT_gen E t1 t2 (fun s => - gamma * v s ^ 2)) as (c & Hc & Hmvt).
  - intros x Hx. apply HE.
    rewrite Rmin_left in Hx by exact H12. rewrite Rmax_right in Hx by exact H12. lra.
  - intros x Hx. apply derivable_continuous_pt. exists (- gamma * v x ^ 2).
    apply is_derive_Reals, HE.
    rewrite Rmin_left in Hx by exact H12. rewrite Rmax_right in Hx by exact H12. lra.
  - change (E t2 <= E t1).
    assert (0 <= gamma * v c ^ 2 * (t2 - t1)).
    { apply Rmult_le_pos; [apply Rmult_le_pos; [exact Hg | apply pow2_ge_0] | lra]. }
    lra.
Qed.

Theorem inertia_damped :
  (forall (L L' theta v : R -> R) (gamma t : R),
     is_derive theta t (v t) ->
     is_derive v t (- L' (theta t) - gamma * v t) ->
     is_derive L (theta t) (L' (theta t)) ->
     is_derive (fun s => v s ^ 2 / 2 + L (theta s)) t (- gamma * v t ^ 2)) /\
  (forall (L L' theta v : R -> R) (gamma a b : R),
     0 <= gamma ->
     (forall t, a <= t <= b ->
        is_derive theta t (v t) /\
        is_derive v t (- L' (theta t) - gamma * v t) /\
        is_derive L (theta t) (L' (theta t))) ->
     forall t1 t2, a <= t1 -> t1 <= t2 -> t2 <= b ->
     v t2 ^ 2 / 2 + L (theta t2) <= v t1 ^ 2 / 2 + L (theta t1)).
Proof. split; [exact inertia_damped_rate | exact inertia_damped_monotone]. Qed.

(** Non-vacuity: γ = 2, L = θ²/2 has the critically damped solution θ = t e^(−t),
    v = (1 − t) e^(−t) on [0, 1], and E(1) < E(0). *)
Example inertia_damped_example :
  let L := fun x => x ^ 2 / 2 in let L' := fun x : R => x in
  let theta := fun s => s * exp (- s) in let v := fun s => (1 - s) * exp (- s) in
  let gamma := 2 in let a := 0 in let b := 1 in
  0 <= gamma /\
  (forall t, a <= t <= b ->
     is_derive theta t (v t) /\
     is_derive v t (- L' (theta t) - gamma * v t) /\
     is_derive L (theta t) (L' (theta t))) /\
  v b ^ 2 / 2 + L (theta b) <= v a ^ 2 / 2 + L (theta a).
Proof.
  intros L L' theta v gamma a b.
  assert (Hg : 0 <= gamma) by (unfold gamma; lra).
  assert (Hode : forall t, a <= t <= b ->
     is_derive theta t (v t) /\ is_derive v t (- L' (theta t) - gamma * v t) /\
     is_derive L (theta t) (L' (theta t))).
  { intros t _. unfold theta, v, L, L', gamma. split; [| split].
    - auto_derive; [exact I | ring].
    - auto_derive; [exact I | ring].
    - auto_derive; [exact I | field]. }
  split; [exact Hg|]. split; [exact Hode|].
  apply (inertia_damped_monotone L L' theta v gamma a b Hg Hode); unfold a, b; lra.
Qed.

(** ** inertia.ito

    The generator of dθ = v dt, dv = (−L'(θ) − γv) dt + σ dW applied to
    E(θ, v) = v²/2 + L(θ).  The partial derivatives are not written down: they are
    whatever numbers the [is_derive] hypotheses force (∂θE at (θ, v), the function ∂vE
    at every velocity, and its derivative ∂²vE at v). *)
Theorem inertia_ito (L L' : R -> R) (gamma sigma theta v : R)
    (dthE dvvE : R) (dvE : R -> R) :
  is_derive L theta (L' theta) ->
  is_derive (fun x => v ^ 2 / 2 + L x) theta dthE ->
  (forall w, is_derive (fun w' => w' ^ 2 / 2 + L theta) w (dvE w)) ->
  is_derive dvE v dvvE ->
  v * dthE + (- L' theta - gamma * v) * dvE v + sigma ^ 2 / 2 * dvvE
  = - gamma * v ^ 2 + sigma ^ 2 / 2.
Proof.
  intros HL Hth Hv Hvv.
  assert (E1 : dthE = L' theta).
  { apply (is_derive_unique (fun x => v ^ 2 / 2 + L x) theta dthE) in Hth.
    rewrite <- Hth. apply is_derive_unique.
    eapply is_derive_val.
    { apply is_derive_add; [apply (is_derive_const (v ^ 2 / 2)) | exact HL]. }
    apply Rplus_0_l. }
  assert (E2 : forall w, dvE w = w).
  { intro w. specialize (Hv w).
    apply is_derive_unique in Hv. rewrite <- Hv. apply is_derive_unique.
    eapply is_derive_val.
    { apply is_derive_add; [apply (is_derive_half_sq (fun x => x) w 1), is_derive_id_R
                           | apply (is_derive_const (L theta))]. }
    change (w * 1 + 0 = w). ring. }
  assert (E3 : dvvE = 1).
  { apply (is_derive_ext dvE (fun w => w)) in Hvv; [| exact E2].
    apply is_derive_unique in Hvv. rewrite <- Hvv. apply is_derive_unique, is_derive_id_R. }
  rewrite E1, E2, E3. ring.
Qed.

(** Non-vacuity: L = θ²/2, with ∂θE = θ, ∂vE = id, ∂²vE = 1. *)
Example inertia_ito_example (gamma sigma theta v : R) :
  let L := fun x => x ^ 2 / 2 in let L' := fun x : R => x in let dthE := theta in
  let dvE := fun w : R => w in let dvvE := 1 in
  is_derive L theta (L' theta) /\ is_derive (fun x => v ^ 2 / 2 + L x) theta dthE /\
  (forall w, is_derive (fun w' => w' ^ 2 / 2 + L theta) w (dvE w)) /\ is_derive dvE v dvvE /\
  v * dthE + (- L' theta - gamma * v) * dvE v + sigma ^ 2 / 2 * dvvE = - gamma * v ^ 2 + sigma ^ 2 / 2.
Proof.
  intros L L' dthE dvE dvvE.
  assert (H1 : is_derive L theta (L' theta)) by (unfold L, L'; auto_derive; [exact I | field]).
  assert (H2 : is_derive (fun x => v ^ 2 / 2 + L x) theta dthE) by (unfold L, dthE; auto_derive; [exact I | field]).
  assert (H3 : forall w, is_derive (fun w' => w' ^ 2 / 2 + L theta) w (dvE w))
    by (intro w; unfold dvE; auto_derive; [exact I | field]).
  assert (H4 : is_derive dvE v dvvE) by apply is_derive_id_R.
  do 4 (split; [assumption|]).
  exact (inertia_ito L L' gamma sigma theta v dthE dvvE dvE H1 H2 H3 H4).
Qed.

(** ** inertia.leapfrog

    q'' = −ω²q.  Kick–drift–kick with step h: p½ = p − (h/2)ω²q, q' = q + h p½,
    p' = p½ − (h/2)ω²q'.  Explicit Euler: q' = q + hp, p' = p − hω²q. *)
Definition modified_energy (h w q p : R) : R := p ^ 2 / 2 + w ^ 2 * (1 - h ^ 2 * w ^ 2 / 4) * q ^ 2 / 2.
Definition oscillator_energy (w q p : R) : R := p ^ 2 / 2 + w ^ 2 * q ^ 2 / 2.

Lemma inertia_leapfrog_kdk (h w q p : R) :
  let p_half := p - h / 2 * w ^ 2 * q in
  let q1 := q + h * p_half in
  let p1 := p_half - h / 2 * w ^ 2 * q1 in
  modified_energy h w q1 p1 = modified_energy h w q p.
Proof. intros p_half q1 p1. unfold p1, q1, p_half, modified_energy. field. Qed.

Lemma inertia_leapfrog_euler (h w q p : R) :
  oscillator_energy w (q + h * p) (p - h * w ^ 2 * q) = (1 + h ^ 2 * w ^ 2) * oscillator_energy w q p.
Proof. unfold oscillator_energy. field. Qed.

Theorem inertia_leapfrog :
  (forall h w q p : R,
     let p_half := p - h / 2 * w ^ 2 * q in
     let q1 := q + h * p_half in
     let p1 := p_half - h / 2 * w ^ 2 * q1 in
     modified_energy h w q1 p1 = modified_energy h w q p) /\
  (forall h w q p : R,
     oscillator_energy w (q + h * p) (p - h * w ^ 2 * q) = (1 + h ^ 2 * w ^ 2) * oscillator_energy w q p).
Proof. split; [exact inertia_leapfrog_kdk | exact inertia_leapfrog_euler]. Qed.

(** The identity can fail: the true energy is not conserved by KDK (h = ω = q = 1, p = 0). *)
Example inertia_leapfrog_example :
  modified_energy 1 1 (1 + 1 * (0 - 1 / 2 * 1 ^ 2 * 1))
    ((0 - 1 / 2 * 1 ^ 2 * 1) - 1 / 2 * 1 ^ 2 * (1 + 1 * (0 - 1 / 2 * 1 ^ 2 * 1))) = 3 / 8
  /\ oscillator_energy 1 (1 + 1 * (0 - 1 / 2 * 1 ^ 2 * 1))
       ((0 - 1 / 2 * 1 ^ 2 * 1) - 1 / 2 * 1 ^ 2 * (1 + 1 * (0 - 1 / 2 * 1 ^ 2 * 1))) <> oscillator_energy 1 1 0.
Proof.
  split.
  - rewrite (inertia_leapfrog_kdk 1 1 1 0). unfold modified_energy. field.
  - unfold oscillator_energy. intro H. field_simplify in H. lra.
Qed.

Print Assumptions inertia_conserved.
Print Assumptions inertia_damped.
Print Assumptions inertia_ito.
Print Assumptions inertia_leapfrog.
