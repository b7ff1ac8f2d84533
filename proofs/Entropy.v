(** * Family H — Cole–Hopf: the heat equation gives viscous Hamilton–Jacobi (1-D).

    Id [entropy.cole_hopf] (THEORY.md, section H).  If [w(t,x) > 0] solves the heat equation
    [w_t = ν w_xx], then [u = −2ν ln w] solves [u_t + ½ u_x² = ν u_xx].

    The partial derivatives of [w] are hypotheses ([is_derive]); those of [u] are derived from
    them with the chain and quotient rules, so the conclusion is about the actual derivatives of
    [u].  The logarithm is only applied where [w > 0] (hypothesis [Hpos]). *)

From Coq Require Import Reals Lra.
From Coquelicot Require Import Coquelicot.
Open Scope R_scope.

(** The derivative of [c · ln f] where [f > 0]. *)
Lemma is_derive_scaled_ln (f : R -> R) (y df c : R) :
  0 < f y -> is_derive f y df -> is_derive (fun z => c * ln (f z)) y (c * df / f y).
Proof.
  intros Hp Hf.
  assert (H : is_derive (fun z => ln (f z)) y (scal df (/ f y))).
  { apply (is_derive_comp ln f y (/ f y) df); [apply is_derive_ln; exact Hp | exact Hf]. }
  apply (is_derive_scal _ _ c) in H.
  eapply is_derive_ext; [intros z; reflexivity|].
  replace (c * df / f y) with (c * scal df (/ f y)); [exact H|].
  unfold scal; simpl; unfold mult; simpl. unfold Rdiv. ring.
Qed.

Theorem entropy_cole_hopf (nu t x wt wxx : R) (w : R -> R -> R) (wx : R -> R) :
  (forall y, 0 < w t y) ->
  is_derive (fun s => w s x) t wt ->
  (forall y, is_derive (fun z => w t z) y (wx y)) ->
  is_derive wx x wxx ->
  wt = nu * wxx ->
  let u := fun s y => -2 * nu * ln (w s y) in
  exists (ut : R) (ux : R -> R) (uxx : R),
    is_derive (fun s => u s x) t ut /\
    (forall y, is_derive (fun z => u t z) y (ux y)) /\
    is_derive ux x uxx /\
    ut + (ux x) ^ 2 / 2 = nu * uxx.
Proof.
  intros Hpos Ht Hx Hxx Heat u.
  exists (-2 * nu * wt / w t x), (fun y => -2 * nu * wx y / w t y),
    (-2 * nu * ((wxx * w t x - wx x * wx x) / (w t x ^ 2))).
  assert (Hw : 0 < w t x) by apply Hpos.
  split; [|split; [|split]].
  - apply (is_derive_scaled_ln (fun s => w s x)); assumption.
  - intros y. apply (is_derive_scaled_ln (fun z => w t z)); [apply Hpos | apply Hx].
  - assert (H : is_derive (fun y => wx y / w t y) x ((wxx * w t x - wx x * wx x) / (w t x ^ 2))).
    { apply (is_derive_div wx (fun z => w t z)); [exact Hxx | apply Hx | lra]. }
    apply (is_derive_scal _ _ (-2 * nu)) in H.
    eapply is_derive_ext; [|exact H]. intros y. simpl. unfold Rdiv. ring.
  - rewrite Heat. field. lra.
Qed.

(** Non-vacuity: [w(t,x) = exp(ν t + x)] is a positive solution of the heat equation. *)
Example entropy_cole_hopf_example (nu t x : R) :
  let w := fun s y => exp (nu * s + y) in
  exists ut (ux : R -> R) uxx,
    is_derive (fun s => -2 * nu * ln (w s x)) t ut /\
    (forall y, is_derive (fun z => -2 * nu * ln (w t z)) y (ux y)) /\
    is_derive ux x uxx /\ ut + (ux x) ^ 2 / 2 = nu * uxx.
Proof.
  intros w.
  apply (entropy_cole_hopf nu t x (nu * exp (nu * t + x)) (exp (nu * t + x)) w (fun y => exp (nu * t + y))).
  - intros y. apply exp_pos.
  - unfold w. auto_derive; [exact I | ring].
  - intros y. unfold w. auto_derive; [exact I | ring].
  - auto_derive; [exact I | ring].
  - reflexivity.
Qed.

(** * The quadratic closed form of the local entropy (part of [entropy.viscous_hj], 1-D)

    For [L(x) = a x² / 2] and [1 + a t > 0] the local entropy is
    [u(t,x) = a x² / (2 (1 + a t)) + ν ln(1 + a t)]: it starts from [L] and solves
    [u_t + ½ u_x² = ν u_xx].  The logarithm and the divisions are behind [0 < 1 + a t]. *)

Theorem entropy_viscous_hj (nu a t x : R) :
  0 < 1 + a * t ->
  let u := fun s y => a * y ^ 2 / (2 * (1 + a * s)) + nu * ln (1 + a * s) in
  (forall y, u 0 y = a * y ^ 2 / 2) /\
  exists (ut : R) (ux : R -> R) (uxx : R),
    is_derive (fun s => u s x) t ut /\
    (forall y, is_derive (fun z => u t z) y (ux y)) /\
    is_derive ux x uxx /\
    ut + (ux x) ^ 2 / 2 = nu * uxx.
Proof.
  intros Ha u. split.
  - intros y. unfold u. rewrite Rmult_0_r, Rplus_0_r, ln_1. field.
  - exists (- a ^ 2 * x ^ 2 / (2 * (1 + a * t) ^ 2) + nu * (a / (1 + a * t))),
      (fun y => a * y / (1 + a * t)), (a / (1 + a * t)).
    assert (Hn : 1 + a * t <> 0) by lra.
    split; [|split; [|split]].
    + unfold u. auto_derive; [repeat split; lra | field; exact Hn].
    + intros y. unfold u. auto_derive; [repeat split; lra | field; exact Hn].
    + auto_derive; [exact I | field; exact Hn].
    + field. exact Hn.
Qed.

(** Non-vacuity: [a = 1] at [t = 0]. *)
Example entropy_viscous_hj_example (nu x : R) :
  let u := fun s y => 1 * y ^ 2 / (2 * (1 + 1 * s)) + nu * ln (1 + 1 * s) in
  (forall y, u 0 y = 1 * y ^ 2 / 2) /\
  exists (ut : R) (ux : R -> R) (uxx : R),
    is_derive (fun s => u s x) 0 ut /\ (forall y, is_derive (fun z => u 0 z) y (ux y)) /\
    is_derive ux x uxx /\ ut + (ux x) ^ 2 / 2 = nu * uxx.
Proof. apply entropy_viscous_hj. lra. Qed.

(** * The Hopf–Lax minimizer (part of [entropy.hopf_lax])

    If [ys] minimizes [Ψ(y) = 2t L(y) + (x − y)²] (the Hopf–Lax functional
    [L(y) + (x − y)²/(2t)] times [2t], which for [t > 0] has the same minimizers) and [L] is
    differentiable at [ys], then [t L'(ys) = x − ys]: the gradient [p = (x − ys)/t] equals
    [L'(ys)].  Stated without division. *)

Theorem entropy_hopf_lax (L L1 : R -> R) (t x ys : R) :
  is_derive L ys (L1 ys) ->
  (forall y, 2 * t * L ys + (x - ys) ^ 2 <= 2 * t * L y + (x - y) ^ 2) ->
  t * L1 ys = x - ys.
Proof.
  intros HL Hmin.
  set (Psi := fun y => 2 * t * L y + (x - y) ^ 2).
  assert (HD : is_derive Psi ys (2 * t * L1 ys - 2 * (x - ys))).
  { assert (H1 := is_derive_scal _ _ (2 * t) _ HL).
    assert (H2 : is_derive (fun y => (x - y) ^ 2) ys (- 2 * (x - ys))) by (auto_derive; [exact I | ring]).
    assert (H3 := is_derive_plus _ _ _ _ _ H1 H2).
    eapply is_derive_ext; [intros z; reflexivity|].
    replace (2 * t * L1 ys - 2 * (x - ys)) with (plus (2 * t * L1 ys) (- 2 * (x - ys))); [exact H3|].
    unfold plus; simpl. ring. }
  assert (Hpr : derivable_pt Psi ys) by (apply ex_derive_Reals_0; eexists; exact HD).
  assert (Hz : derive_pt Psi ys Hpr = 0).
  { apply (deriv_minimum Psi (ys - 1) (ys + 1) ys Hpr); [lra | lra |].
    intros y _ _. apply Hmin. }
  rewrite (derive_pt_eq_0 Psi ys (2 * t * L1 ys - 2 * (x - ys)) Hpr) in Hz.
  - lra.
  - apply is_derive_Reals. exact HD.
Qed.

(** Non-vacuity: [L(y) = y²/2], [t = 1], [x = 2]; the minimizer is [ys = 1]. *)
Example entropy_hopf_lax_example : 1 * 1 = 2 - 1.
Proof.
  apply (entropy_hopf_lax (fun y => y ^ 2 / 2) (fun y => y) 1 2 1).
  - auto_derive; [exact I | field].
  - intros y. cbv beta. assert (H := pow2_ge_0 (y - 1)). nra.
Qed.

Print Assumptions entropy_cole_hopf.
Print Assumptions entropy_viscous_hj.
Print Assumptions entropy_hopf_lax.
