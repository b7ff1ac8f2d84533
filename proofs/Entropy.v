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

(** Non-vacuity: [w(t,x) = exp(t + x)] ([ν = 1]) is a positive solution of the heat equation,
    and [u = −2 ln w = −2(t + x)] solves viscous HJ at [(1, 0)]. *)
Example entropy_cole_hopf_example :
  let nu := 1 in let t := 1 in let x := 0 in let w := fun s y => exp (nu * s + y) in
  let wt := nu * exp (nu * t + x) in let wxx := exp (nu * t + x) in
  let wx := fun y => exp (nu * t + y) in
  (forall y, 0 < w t y) /\ is_derive (fun s => w s x) t wt /\
  (forall y, is_derive (fun z => w t z) y (wx y)) /\ is_derive wx x wxx /\ wt = nu * wxx /\
  exists ut (ux : R -> R) uxx,
    is_derive (fun s => -2 * nu * ln (w s x)) t ut /\
    (forall y, is_derive (fun z => -2 * nu * ln (w t z)) y (ux y)) /\
    is_derive ux x uxx /\ ut + (ux x) ^ 2 / 2 = nu * uxx.
Proof.
  intros nu t x w wt wxx wx.
  assert (H1 : forall y, 0 < w t y) by (intros y; apply exp_pos).
  assert (H2 : is_derive (fun s => w s x) t wt) by (unfold w, wt; auto_derive; [exact I | ring]).
  assert (H3 : forall y, is_derive (fun z => w t z) y (wx y)) by (intros y; unfold w, wx; auto_derive; [exact I | ring]).
  assert (H4 : is_derive wx x wxx) by (unfold wx, wxx; auto_derive; [exact I | ring]).
  assert (H5 : wt = nu * wxx) by reflexivity.
  do 5 (split; [assumption|]).
  exact (entropy_cole_hopf nu t x wt wxx w wx H1 H2 H3 H4 H5).
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

(** Non-vacuity: a concave quadratic [a = −1/2] at [t = 1], before its blow-up time [2]. *)
Example entropy_viscous_hj_example (nu x : R) :
  let a := - 1 / 2 in let t := 1 in
  0 < 1 + a * t /\
  let u := fun s y => a * y ^ 2 / (2 * (1 + a * s)) + nu * ln (1 + a * s) in
  (forall y, u 0 y = a * y ^ 2 / 2) /\
  exists (ut : R) (ux : R -> R) (uxx : R),
    is_derive (fun s => u s x) t ut /\ (forall y, is_derive (fun z => u t z) y (ux y)) /\
    is_derive ux x uxx /\ ut + (ux x) ^ 2 / 2 = nu * uxx.
Proof.
  intros a t. assert (H : 0 < 1 + a * t) by (unfold a, t; lra).
  split; [exact H | exact (entropy_viscous_hj nu a t x H)].
Qed.

(** * The Hopf–Lax minimizer and the semiconcavity of the Hopf–Lax value ([entropy.hopf_lax])

    [ys x] minimizes [Ψ_x(y) = 2t L(y) + (x − y)²] for every [x] (the Hopf–Lax functional
    [L(y) + (x − y)²/(2t)] times [2t], which for [t > 0] has the same minimizers), so
    [Φ(x) = Ψ_x(ys x)] is [2t] times the Hopf–Lax value [u⁰(x, t)].
    - First-order condition: where [L] is differentiable at [ys x], [t L'(ys x) = x − ys x], i.e.
      the gradient [p = (x − ys x)/t] equals [L'(ys x)].
    - Semiconcavity: [Φ(x) − x²] is concave (an infimum of the affine functions
      [x ↦ 2t L(y) + y² − 2xy]), i.e. [u⁰ − x²/(2t)] is concave for [t > 0].
    Stated without division. *)

Lemma hopf_lax_first_order (L L1 : R -> R) (t x ys : R) :
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

Theorem entropy_hopf_lax (L L1 ys : R -> R) (t : R) :
  (forall x y, 2 * t * L (ys x) + (x - ys x) ^ 2 <= 2 * t * L y + (x - y) ^ 2) ->
  (forall x, is_derive L (ys x) (L1 (ys x)) -> t * L1 (ys x) = x - ys x) /\
  (forall x1 x2 lam, 0 <= lam <= 1 ->
     lam * (2 * t * L (ys x1) + (x1 - ys x1) ^ 2 - x1 ^ 2)
     + (1 - lam) * (2 * t * L (ys x2) + (x2 - ys x2) ^ 2 - x2 ^ 2)
     <= 2 * t * L (ys (lam * x1 + (1 - lam) * x2))
        + (lam * x1 + (1 - lam) * x2 - ys (lam * x1 + (1 - lam) * x2)) ^ 2
        - (lam * x1 + (1 - lam) * x2) ^ 2).
Proof.
  intros Hmin. split.
  - intros x HL. exact (hopf_lax_first_order L L1 t x (ys x) HL (Hmin x)).
  - intros x1 x2 lam Hl.
    set (x := lam * x1 + (1 - lam) * x2). set (y := ys x).
    assert (A1 := Hmin x1 y). assert (A2 := Hmin x2 y).
    assert (B1 : lam * (2 * t * L (ys x1) + (x1 - ys x1) ^ 2 - x1 ^ 2)
                 <= lam * (2 * t * L y + y ^ 2 - 2 * x1 * y)).
    { apply Rmult_le_compat_l; [lra|]. nra. }
    assert (B2 : (1 - lam) * (2 * t * L (ys x2) + (x2 - ys x2) ^ 2 - x2 ^ 2)
                 <= (1 - lam) * (2 * t * L y + y ^ 2 - 2 * x2 * y)).
    { apply Rmult_le_compat_l; [lra|]. nra. }
    assert (E : lam * (2 * t * L y + y ^ 2 - 2 * x1 * y) + (1 - lam) * (2 * t * L y + y ^ 2 - 2 * x2 * y)
                = 2 * t * L y + (x - y) ^ 2 - x ^ 2) by (unfold x; ring).
    lra.
Qed.

(** Non-vacuity: [L(y) = y²/2], [t = 1]: [ys(x) = x/2] minimizes [y² + (x − y)²] for every
    [x]; at [x = 2] the gradient is [L'(1) = 1 = 2 − 1], and [Φ(x) − x² = −x²/2] is concave
    (strictly: the semiconcavity bound holds with room at [x₁ = 0], [x₂ = 2], [λ = 1/2]). *)
Example entropy_hopf_lax_example :
  let L := fun y => y ^ 2 / 2 in let L1 := fun y : R => y in let ys := fun x => x / 2 in
  let t := 1 in
  (forall x y, 2 * t * L (ys x) + (x - ys x) ^ 2 <= 2 * t * L y + (x - y) ^ 2) /\
  is_derive L (ys 2) (L1 (ys 2)) /\ t * L1 (ys 2) = 2 - ys 2 /\
  1 / 2 * (2 * t * L (ys 0) + (0 - ys 0) ^ 2 - 0 ^ 2) + (1 - 1 / 2) * (2 * t * L (ys 2) + (2 - ys 2) ^ 2 - 2 ^ 2)
  < 2 * t * L (ys 1) + (1 - ys 1) ^ 2 - 1 ^ 2.
Proof.
  intros L L1 ys t.
  assert (Hmin : forall x y, 2 * t * L (ys x) + (x - ys x) ^ 2 <= 2 * t * L y + (x - y) ^ 2).
  { intros x y. unfold L, ys, t. assert (H := pow2_ge_0 (y - x / 2)). nra. }
  assert (HL : is_derive L (ys 2) (L1 (ys 2))) by (unfold L, L1, ys; auto_derive; [exact I | field]).
  split; [exact Hmin|]. split; [exact HL|]. split.
  - exact (proj1 (entropy_hopf_lax L L1 ys t Hmin) 2 HL).
  - unfold L, ys, t. lra.
Qed.

Lemma is_derive_comp_R' (f g : R -> R) (x df dg : R) :
  is_derive f (g x) df -> is_derive g x dg -> is_derive (fun y => f (g y)) x (df * dg).
Proof.
  intros Hf Hg. eapply is_derive_ext; [intros; reflexivity|].
  replace (df * dg) with (dg * df) by ring. exact (is_derive_comp f g x df dg Hf Hg).
Qed.

(** ** entropy.leaf: the curvature of the leaf loss F_c(s) = f(w(s)) in arclength

    [w] is the arclength parametrisation of the leaf [u² − v² = c] in the coordinate [w = uv]:
    [w' = q] with [q⁴ = c² + 4w²], [q > 0] (so [ds/dw = (c² + 4w²)^(−1/4)]).  Then
    [F_c' = f'(w) q], [F_c'' = f''(w) q² + f'(w) q'], and, division-free,
    [q² F_c'' = f''(w)(c² + 4w²) + 2w f'(w)]. *)
Theorem entropy_leaf (f f1 f2 w q : R -> R) (c s dq : R) :
  (forall z, is_derive f z (f1 z)) ->
  is_derive f1 (w s) (f2 (w s)) ->
  locally s (fun r => is_derive w r (q r)) ->
  is_derive q s dq ->
  locally s (fun r => q r ^ 4 = c ^ 2 + 4 * w r ^ 2) ->
  0 < q s ->
  locally s (fun r => is_derive (fun x => f (w x)) r (f1 (w r) * q r)) /\
  is_derive (fun r => f1 (w r) * q r) s (f2 (w s) * q s ^ 2 + f1 (w s) * dq) /\
  q s ^ 2 * (f2 (w s) * q s ^ 2 + f1 (w s) * dq)
  = f2 (w s) * (c ^ 2 + 4 * w s ^ 2) + 2 * w s * f1 (w s).
Proof.
  intros Hf Hf1 Hw Hq Hleaf Hpos.
  assert (Hws : is_derive w s (q s)) by exact (locally_singleton _ _ Hw).
  split; [|split].
  - apply (filter_imp (fun r => is_derive w r (q r))); [|exact Hw].
    intros r Hr. apply (is_derive_comp_R' f w r); [apply Hf | exact Hr].
  - assert (H1 := is_derive_comp_R' f1 w s _ _ Hf1 Hws).
    assert (H2 := is_derive_mult _ _ _ _ _ H1 Hq ltac:(intros; apply Rmult_comm)).
    eapply is_derive_ext; [intros; reflexivity|].
    replace (f2 (w s) * q s ^ 2 + f1 (w s) * dq)
      with (plus (mult (f2 (w s) * q s) (q s)) (mult (f1 (w s)) dq)); [exact H2|].
    unfold plus, mult; simpl. ring.
  - (* differentiate the leaf identity: 4 q³ q' = 8 w q, so q² q' = 2w *)
    assert (D4 : is_derive (fun r => q r ^ 4) s (INR 4 * dq * q s ^ Init.Nat.pred 4)).
    { apply is_derive_pow. exact Hq. }
    assert (Dr : is_derive (fun r => c ^ 2 + 4 * w r ^ 2) s (4 * (INR 2 * q s * w s ^ Init.Nat.pred 2))).
    { assert (H := is_derive_scal _ _ 4 _ (is_derive_pow w 2 s _ Hws)).
      assert (H' := is_derive_plus _ _ _ _ _ (is_derive_const (c ^ 2) s) H).
      eapply is_derive_ext; [intros; reflexivity|].
      replace (4 * (INR 2 * q s * w s ^ Init.Nat.pred 2))
        with (plus zero (scal 4 (INR 2 * q s * w s ^ Init.Nat.pred 2))); [exact H'|].
      unfold plus, zero, scal; simpl. unfold mult; simpl. ring. }
    assert (D4' := is_derive_ext_loc _ _ _ _ Hleaf D4).
    assert (E := eq_trans (eq_sym (is_derive_unique _ _ _ D4')) (is_derive_unique _ _ _ Dr)).
    change (INR 4) with (1 + 1 + 1 + 1) in E. change (INR 2) with (1 + 1) in E.
    change (Init.Nat.pred 4) with 3%nat in E. change (Init.Nat.pred 2) with 1%nat in E.
    assert (Hq2 : q s ^ 2 * dq = 2 * w s).
    { apply (Rmult_eq_reg_l (4 * q s)); [|lra]. ring_simplify. ring_simplify in E. lra. }
    assert (L0 : q s ^ 4 = c ^ 2 + 4 * w s ^ 2) by exact (locally_singleton _ _ Hleaf).
    replace (q s ^ 2 * (f2 (w s) * q s ^ 2 + f1 (w s) * dq))
      with (f2 (w s) * q s ^ 4 + f1 (w s) * (q s ^ 2 * dq)) by ring.
    rewrite L0, Hq2. ring.
Qed.

(** Non-vacuity: the balanced leaf [c = 0] (the ray [u = v > 0]) in arclength, [w = s²/2],
    [q = s], with [f(w) = (w − 1)²/2] at [s = 1]: [F₀''(1) = 2w f''(w) + f'(w) = 1/2]. *)
Example entropy_leaf_example :
  let f := fun z => (z - 1) ^ 2 / 2 in let f1 := fun z => z - 1 in let f2 := fun _ : R => 1 in
  let w := fun r => r ^ 2 / 2 in let q := fun r : R => r in let c := 0 in let s := 1 in
  let dq := 1 in
  (forall z, is_derive f z (f1 z)) /\ is_derive f1 (w s) (f2 (w s)) /\
  locally s (fun r => is_derive w r (q r)) /\ is_derive q s dq /\
  locally s (fun r => q r ^ 4 = c ^ 2 + 4 * w r ^ 2) /\ 0 < q s /\
  is_derive (fun r => f1 (w r) * q r) s (f2 (w s) * q s ^ 2 + f1 (w s) * dq) /\
  f2 (w s) * q s ^ 2 + f1 (w s) * dq = 1 / 2.
Proof.
  intros f f1 f2 w q c s dq.
  assert (H1 : forall z, is_derive f z (f1 z)) by (intros z; unfold f, f1; auto_derive; [exact I | field]).
  assert (H2 : is_derive f1 (w s) (f2 (w s))) by (unfold f1, f2; auto_derive; [exact I | ring]).
  assert (H3 : locally s (fun r => is_derive w r (q r)))
    by (apply filter_forall; intros r; unfold w, q; auto_derive; [exact I | field]).
  assert (H4 : is_derive q s dq) by (unfold q, dq; auto_derive; [exact I | ring]).
  assert (H5 : locally s (fun r => q r ^ 4 = c ^ 2 + 4 * w r ^ 2))
    by (apply filter_forall; intros r; unfold q, c, w; field).
  assert (H6 : 0 < q s) by (unfold q, s; lra).
  destruct (entropy_leaf f f1 f2 w q c s dq H1 H2 H3 H4 H5 H6) as (_ & D & _).
  do 7 (split; [assumption|]). unfold f2, q, f1, w, s, dq. field.
Qed.

(** * The heat kernel solves the heat equation (a piece of [entropy.viscous_hj])

    [G(t, z) = exp(−z²/(4νt)) / √(4πνt)] (variance [2νt]) solves [G_t = ν G_zz] for [ν > 0],
    [t > 0]: the integrand of the local-entropy integral, before integration.  By
    [entropy_cole_hopf], [−2ν ln G] then solves viscous HJ (the local entropy of a point mass).
    The integral [∫ₐᵇ G(t, x − y) g(y) dy] is differentiated under the integral sign below. *)
Definition heat_kernel (nu t z : R) : R := exp (- z ^ 2 / (4 * nu * t)) / sqrt (4 * PI * nu * t).

(** The partial derivatives of the heat kernel, in closed form. *)
Definition heat_kernel_t (nu t z : R) : R :=
  exp (- z ^ 2 / (4 * nu * t)) * (z ^ 2 / (4 * nu * t ^ 2)) / sqrt (4 * PI * nu * t)
  - exp (- z ^ 2 / (4 * nu * t)) / sqrt (4 * PI * nu * t) * (1 / (2 * t)).
Definition heat_kernel_z (nu t z : R) : R :=
  - z / (2 * nu * t) * exp (- z ^ 2 / (4 * nu * t)) / sqrt (4 * PI * nu * t).
Definition heat_kernel_zz (nu t z : R) : R :=
  (- 1 / (2 * nu * t) + z ^ 2 / (4 * nu ^ 2 * t ^ 2)) * exp (- z ^ 2 / (4 * nu * t))
  / sqrt (4 * PI * nu * t).

Lemma heat_kernel_derivatives (nu t z : R) :
  0 < nu -> 0 < t ->
  is_derive (fun s => heat_kernel nu s z) t (heat_kernel_t nu t z) /\
  is_derive (fun y => heat_kernel nu t y) z (heat_kernel_z nu t z) /\
  is_derive (fun y => heat_kernel_z nu t y) z (heat_kernel_zz nu t z) /\
  heat_kernel_t nu t z = nu * heat_kernel_zz nu t z.
Proof.
  intros Hnu Ht.
  assert (Hpi := PI_RGT_0).
  assert (Hp : 0 < 4 * PI * nu * t).
  { apply Rmult_lt_0_compat; [|exact Ht]. apply Rmult_lt_0_compat; [|exact Hnu]. lra. }
  assert (Hs : 0 < sqrt (4 * PI * nu * t)) by (apply sqrt_lt_R0; exact Hp).
  set (S := sqrt (4 * PI * nu * t)).
  assert (Hn0 : nu <> 0) by lra. assert (Ht0 : t <> 0) by lra.
  assert (HS0 : S <> 0) by (unfold S; lra).
  assert (HS2 : S * S = 4 * PI * nu * t) by (unfold S; apply sqrt_sqrt; lra).
  assert (Hpi0 : PI <> 0) by lra.
  unfold heat_kernel_t, heat_kernel_z, heat_kernel_zz. fold S.
  split; [|split; [|split]].
  - unfold heat_kernel. auto_derive.
    + split; [|split; [exact Hp|split; [fold S; exact HS0 | exact I]]].
      apply Rgt_not_eq. apply Rmult_lt_0_compat; lra.
    + fold S. rewrite HS2.
      replace (- (z * (z * 1)) * / (4 * nu * t)) with (- z ^ 2 / (4 * nu * t)) by (field; exact Ht0 || (repeat split; assumption)).
      set (ez := exp (- z ^ 2 / (4 * nu * t))).
      field. repeat split; assumption.
  - unfold heat_kernel. fold S. auto_derive.
    + repeat split; try exact I; apply Rgt_not_eq; apply Rmult_lt_0_compat; lra.
    + replace (- (z * (z * 1)) * / (4 * nu * t)) with (- z ^ 2 / (4 * nu * t)) by (field; repeat split; assumption).
      set (ey := exp (- z ^ 2 / (4 * nu * t))).
      field. repeat split; assumption.
  - auto_derive.
    + repeat split; try exact I; try exact HS0; apply Rgt_not_eq; apply Rmult_lt_0_compat; lra.
    + replace (- (z * (z * 1)) * / (4 * nu * t)) with (- z ^ 2 / (4 * nu * t)) by (field; repeat split; assumption).
      set (ez := exp (- z ^ 2 / (4 * nu * t))).
      field. repeat split; assumption.
  - field. repeat split; assumption.
Qed.

Lemma heat_kernel_solves_heat (nu t z : R) :
  0 < nu -> 0 < t ->
  exists (Gt : R) (Gz : R -> R) (Gzz : R),
    is_derive (fun s => heat_kernel nu s z) t Gt /\
    (forall y, is_derive (fun y => heat_kernel nu t y) y (Gz y)) /\
    is_derive Gz z Gzz /\ Gt = nu * Gzz.
Proof.
  intros Hnu Ht.
  destruct (heat_kernel_derivatives nu t z Hnu Ht) as (D1 & _ & D3 & E).
  exists (heat_kernel_t nu t z), (heat_kernel_z nu t), (heat_kernel_zz nu t z).
  split; [exact D1|]. split; [|split; [exact D3 | exact E]].
  intros y. exact (proj1 (proj2 (heat_kernel_derivatives nu t y Hnu Ht))).
Qed.

(** Non-vacuity: [ν = 1], [t = 1], [z = 1]. *)
Example heat_kernel_solves_heat_example :
  let nu := 1 in let t := 1 in let z := 1 in
  0 < nu /\ 0 < t /\
  exists (Gt : R) (Gz : R -> R) (Gzz : R),
    is_derive (fun s => heat_kernel nu s z) t Gt /\
    (forall y, is_derive (fun y => heat_kernel nu t y) y (Gz y)) /\
    is_derive Gz z Gzz /\ Gt = nu * Gzz.
Proof.
  intros nu t z. assert (H1 : 0 < nu) by (unfold nu; lra). assert (H2 : 0 < t) by (unfold t; lra).
  split; [exact H1|]. split; [exact H2|]. exact (heat_kernel_solves_heat nu t z H1 H2).
Qed.

(** * The local entropy as an integral ([entropy.viscous_hj], integral form, 1-D)

    [w(t, x) = ∫ₐᵇ G(t, x − y) g(y) dy] with [g] continuous on [[a, b]] solves the heat equation
    [w_t = ν w_xx] for [t > 0]: each derivative is taken under the integral with Coquelicot's
    [is_derive_RInt_param] (the parametric derivative must be jointly continuous, which
    [cont2] checks expression by expression), and [G_t = ν G_zz] is integrated.  Where
    [g > 0] on [(a, b)], [w > 0], and [entropy_cole_hopf] turns [w] into the local entropy
    [u = −2ν ln w], a solution of viscous HJ. *)

(** Continuity in two variables of an explicit expression: the operations of the field,
    [exp], [sqrt], powers, and a function [g] of the second variable continuous at the point.
    Non-zero denominators are left as goals. *)
Ltac cont2 :=
  match goal with
  | |- continuity_2d_pt (fun u v => ?c) _ _ => apply continuity_2d_pt_const
  | |- continuity_2d_pt (fun u v => u) _ _ => apply continuity_2d_pt_id1
  | |- continuity_2d_pt (fun u v => v) _ _ => apply continuity_2d_pt_id2
  | |- continuity_2d_pt (fun u v => @?f u v + @?g u v) _ _ =>
      apply (continuity_2d_pt_plus f g); cont2
  | |- continuity_2d_pt (fun u v => @?f u v - @?g u v) _ _ =>
      apply (continuity_2d_pt_minus f g); cont2
  | |- continuity_2d_pt (fun u v => @?f u v * @?g u v) _ _ =>
      apply (continuity_2d_pt_mult f g); cont2
  | |- continuity_2d_pt (fun u v => @?f u v / @?g u v) _ _ =>
      apply (continuity_2d_pt_mult f (fun u v => / g u v)); [cont2 | apply continuity_2d_pt_inv; [cont2 | idtac]]
  | |- continuity_2d_pt (fun u v => - @?f u v) _ _ =>
      apply (continuity_2d_pt_opp f); cont2
  | |- continuity_2d_pt (fun u v => / @?f u v) _ _ =>
      apply (continuity_2d_pt_inv f); [cont2 | idtac]
  | |- continuity_2d_pt (fun u v => exp (@?f u v)) _ _ =>
      apply (continuity_1d_2d_pt_comp exp f);
      [apply continuity_pt_filterlim; apply continuous_exp | cont2]
  | |- continuity_2d_pt (fun u v => sqrt (@?f u v)) _ _ =>
      apply (continuity_1d_2d_pt_comp sqrt f);
      [apply continuity_pt_filterlim; apply continuous_sqrt | cont2]
  | |- continuity_2d_pt (fun u v => (@?f u v) ^ ?n) _ _ =>
      apply (continuity_1d_2d_pt_comp (fun r => r ^ n) f);
      [apply derivable_continuous_pt; apply derivable_pt_pow | cont2]
  | |- continuity_2d_pt (fun u v => ?g v) _ _ =>
      apply (continuity_1d_2d_pt_comp g (fun u v => v)); [idtac | apply continuity_2d_pt_id2]
  end.


Ltac pos_ne :=
  apply Rgt_not_eq; unfold Rgt;
  repeat (lra || apply Rmult_lt_0_compat || apply sqrt_lt_R0 || apply pow_lt).

(** [R]-valued chain rule with a real product as value. *)
Lemma is_derive_comp_shift (F F' : R -> R) (c y : R) :
  (forall z, is_derive F z (F' z)) -> is_derive (fun z => F (z - c)) y (F' (y - c)).
Proof.
  intros HF. eapply is_derive_ext; [intros; reflexivity|].
  replace (F' (y - c)) with (scal 1 (F' (y - c))) by (unfold scal; simpl; unfold mult; simpl; ring).
  apply (is_derive_comp F (fun z => z - c)); [apply HF | auto_derive; [exact I | ring]].
Qed.

Lemma continuous_reflect (F F' : R -> R) (c y : R) :
  (forall z, is_derive F z (F' z)) -> continuous (fun z => F (c - z)) y.
Proof.
  intros HF. apply (@ex_derive_continuous R_AbsRing R_NormedModule). eexists.
  apply (is_derive_comp F (fun z => c - z)); [apply HF | auto_derive; [exact I | reflexivity]].
Qed.

Lemma locally_imp (x : R) (P Q : R -> Prop) :
  locally x P -> (forall u, P u -> Q u) -> locally x Q.
Proof. intros H1 H2. exact (filter_imp P Q H2 H1). Qed.

Lemma is_derive_mult_const (f : R -> R) (x l c : R) :
  is_derive f x l -> is_derive (fun r => f r * c) x (l * c).
Proof. intros H. exact (is_derive_scal_l f x l c H). Qed.

(** Differentiation under [∫ₐᵇ K(u, y) g(y) dy] in the parameter [u], for [g] continuous on
    [[a, b]]: [K(·, y)] has derivative [Kd(u, y)] for [u] near [x] and every [y], [Kd] is
    continuous at [(x, y)] for [y ∈ [a, b]], and [K(u, ·)] is continuous for [u] near [x]. *)
Lemma is_derive_RInt_param_weight (K Kd : R -> R -> R) (g : R -> R) (a b x : R) :
  locally x (fun u => forall y, is_derive (fun z => K z y) u (Kd u y)) ->
  (forall y, Rmin a b <= y <= Rmax a b -> continuity_2d_pt Kd x y) ->
  locally x (fun u => forall y, continuous (fun z => K u z) y) ->
  (forall y, Rmin a b <= y <= Rmax a b -> continuous g y) ->
  is_derive (fun u => RInt (fun y => K u y * g y) a b) x (RInt (fun y => Kd x y * g y) a b).
Proof.
  intros HK HKd HKc Hg.
  assert (HD : locally x (fun u => forall y, Derive (fun z => K z y * g y) u = Kd u y * g y)).
  { apply (locally_imp _ _ _ HK). intros u Hu y. apply is_derive_unique.
    apply is_derive_mult_const. apply Hu. }
  replace (RInt (fun y => Kd x y * g y) a b) with (RInt (fun y => Derive (fun u => K u y * g y) x) a b).
  2: { apply RInt_ext. intros y _. exact (locally_singleton _ _ HD y). }
  apply is_derive_RInt_param.
  - apply (locally_imp _ _ _ HK). intros u Hu y _. eexists. apply is_derive_mult_const. apply Hu.
  - intros y Hy.
    apply (continuity_2d_pt_ext_loc (fun u v => Kd u v * g v)).
    + destruct HD as [d Hd]. exists d. intros u v Hu _. symmetry. apply Hd. exact Hu.
    + apply (continuity_2d_pt_mult Kd (fun u v => g v)); [apply HKd; exact Hy|].
      apply (continuity_1d_2d_pt_comp g (fun u v => v)); [|apply continuity_2d_pt_id2].
      apply continuity_pt_filterlim. apply Hg. exact Hy.
  - apply (locally_imp _ _ _ HKc). intros u Hu. apply (@ex_RInt_continuous R_CompleteNormedModule). intros y Hy.
    apply (continuous_mult (fun z => K u z) g); [apply Hu | apply Hg; exact Hy].
Qed.


Lemma locally_pos (t : R) : 0 < t -> locally t (fun s => 0 < s).
Proof. intros H. apply (open_gt 0). exact H. Qed.

Lemma continuous_heat_weight (nu t c y : R) (g : R -> R) :
  0 < nu -> 0 < t -> continuous g y -> continuous (fun z => heat_kernel nu t (c - z) * g z) y.
Proof.
  intros Hnu Ht Hg. apply (continuous_mult (fun z => heat_kernel nu t (c - z)) g); [|exact Hg].
  apply (continuous_reflect (heat_kernel nu t) (heat_kernel_z nu t)).
  intros z. exact (proj1 (proj2 (heat_kernel_derivatives nu t z Hnu Ht))).
Qed.

Theorem entropy_heat_integral (nu a b t x : R) (g : R -> R) :
  0 < nu -> 0 < t ->
  (forall y, Rmin a b <= y <= Rmax a b -> continuous g y) ->
  let w := fun s z => RInt (fun y => heat_kernel nu s (z - y) * g y) a b in
  exists (wt : R) (wx : R -> R) (wxx : R),
    is_derive (fun s => w s x) t wt /\
    (forall y, is_derive (fun z => w t z) y (wx y)) /\
    is_derive wx x wxx /\
    wt = nu * wxx.
Proof.
  intros Hnu Ht Hg w.
  assert (Hpi := PI_RGT_0).
  assert (HD := fun s z (Hs : 0 < s) => heat_kernel_derivatives nu s z Hnu Hs).
  exists (RInt (fun y => heat_kernel_t nu t (x - y) * g y) a b),
    (fun z => RInt (fun y => heat_kernel_z nu t (z - y) * g y) a b),
    (RInt (fun y => heat_kernel_zz nu t (x - y) * g y) a b).
  split; [|split; [|split]].
  - (* w_t: differentiate in the time under the integral *)
    apply (is_derive_RInt_param_weight (fun s y => heat_kernel nu s (x - y))
             (fun s y => heat_kernel_t nu s (x - y)) g a b t); [| | |exact Hg].
    + apply (locally_imp _ _ _ (locally_pos t Ht)). intros u Hu y.
      exact (proj1 (HD u (x - y) Hu)).
    + intros y _. unfold heat_kernel_t. cont2; pos_ne.
    + apply (locally_imp _ _ _ (locally_pos t Ht)). intros u Hu y.
      apply (continuous_reflect (heat_kernel nu u) (heat_kernel_z nu u)).
      intros z. exact (proj1 (proj2 (HD u z Hu))).
  - (* w_x: differentiate in space under the integral, at every point *)
    intros z.
    apply (is_derive_RInt_param_weight (fun s y => heat_kernel nu t (s - y))
             (fun s y => heat_kernel_z nu t (s - y)) g a b z); [| | |exact Hg].
    + apply filter_forall. intros u y.
      apply (is_derive_comp_shift (heat_kernel nu t) (heat_kernel_z nu t)).
      intros r. exact (proj1 (proj2 (HD t r Ht))).
    + intros y _. unfold heat_kernel_z. cont2; pos_ne.
    + apply filter_forall. intros u y.
      apply (continuous_reflect (heat_kernel nu t) (heat_kernel_z nu t)).
      intros r. exact (proj1 (proj2 (HD t r Ht))).
  - (* w_xx: once more *)
    apply (is_derive_RInt_param_weight (fun s y => heat_kernel_z nu t (s - y))
             (fun s y => heat_kernel_zz nu t (s - y)) g a b x); [| | |exact Hg].
    + apply filter_forall. intros u y.
      apply (is_derive_comp_shift (heat_kernel_z nu t) (heat_kernel_zz nu t)).
      intros r. exact (proj1 (proj2 (proj2 (HD t r Ht)))).
    + intros y _. unfold heat_kernel_zz. cont2; pos_ne.
    + apply filter_forall. intros u y.
      apply (continuous_reflect (heat_kernel_z nu t) (heat_kernel_zz nu t)).
      intros r. exact (proj1 (proj2 (proj2 (HD t r Ht)))).
  - (* the heat equation, integrated *)
    transitivity (RInt (fun y => scal nu (heat_kernel_zz nu t (x - y) * g y)) a b).
    + apply RInt_ext. intros y _.
      rewrite (proj2 (proj2 (proj2 (HD t (x - y) Ht)))).
      change (scal nu (heat_kernel_zz nu t (x - y) * g y)) with (nu * (heat_kernel_zz nu t (x - y) * g y)).
      exact (Rmult_assoc _ _ _).
    + rewrite (@RInt_scal R_CompleteNormedModule); [reflexivity|].
      apply (@ex_RInt_continuous R_CompleteNormedModule). intros y Hy.
      apply (continuous_mult (fun z => heat_kernel_zz nu t (x - z)) g); [|apply Hg; exact Hy].
      apply (@ex_derive_continuous R_AbsRing R_NormedModule). eexists.
      apply (is_derive_comp (heat_kernel_zz nu t) (fun z => x - z)).
      * unfold heat_kernel_zz. auto_derive; [repeat split; try exact I; pos_ne | reflexivity].
      * auto_derive; [exact I | reflexivity].
Qed.

Lemma heat_kernel_pos (nu t z : R) : 0 < nu -> 0 < t -> 0 < heat_kernel nu t z.
Proof.
  intros Hnu Ht. assert (Hpi := PI_RGT_0). unfold heat_kernel.
  apply Rdiv_lt_0_compat; [apply exp_pos|].
  apply sqrt_lt_R0. repeat (lra || apply Rmult_lt_0_compat).
Qed.

(** [entropy.viscous_hj], integral form (1-D, bounded support): for [g] continuous on
    [[a, b]] and positive on [(a, b)] (e.g. [g = exp(−L/(2ν))]),
    [u = −2ν ln ∫ₐᵇ G_{2νt}(x − y) g(y) dy] solves [u_t + ½ u_x² = ν u_xx] for [t > 0]. *)
Theorem entropy_viscous_hj_integral (nu a b t x : R) (g : R -> R) :
  0 < nu -> 0 < t -> a < b ->
  (forall y, a <= y <= b -> continuous g y) ->
  (forall y, a < y < b -> 0 < g y) ->
  let w := fun s z => RInt (fun y => heat_kernel nu s (z - y) * g y) a b in
  let u := fun s z => -2 * nu * ln (w s z) in
  exists (ut : R) (ux : R -> R) (uxx : R),
    is_derive (fun s => u s x) t ut /\
    (forall y, is_derive (fun z => u t z) y (ux y)) /\
    is_derive ux x uxx /\
    ut + (ux x) ^ 2 / 2 = nu * uxx.
Proof.
  intros Hnu Ht Hab Hg Hgpos w u.
  assert (Hg' : forall y, Rmin a b <= y <= Rmax a b -> continuous g y).
  { rewrite Rmin_left, Rmax_right by lra. exact Hg. }
  destruct (entropy_heat_integral nu a b t x g Hnu Ht Hg') as (wt & wx & wxx & Dt & Dx & Dxx & Heat).
  assert (Hpos : forall z, 0 < w t z).
  { intros z. unfold w. apply RInt_gt_0; [exact Hab| |].
    - intros y Hy. apply Rmult_lt_0_compat; [apply heat_kernel_pos; assumption | apply Hgpos; exact Hy].
    - intros y Hy. apply continuous_heat_weight; [exact Hnu | exact Ht | apply Hg; exact Hy]. }
  exact (entropy_cole_hopf nu t x wt wxx w wx Hpos Dt Dx Dxx Heat).
Qed.

(** Non-vacuity: the Gaussian weight [g(y) = exp(−y²)] ([L(y) = y²], [ν = 1/2]) on [[−1, 1]] at
    [(t, x) = (1, 0)]: [g] is continuous and positive, so both theorems apply. *)
Example entropy_heat_integral_example :
  let nu := 1 / 2 in let a := -1 in let b := 1 in let t := 1 in let x := 0 in
  let g := fun y => exp (- y ^ 2) in
  0 < nu /\ 0 < t /\ (forall y, Rmin a b <= y <= Rmax a b -> continuous g y) /\
  let w := fun s z => RInt (fun y => heat_kernel nu s (z - y) * g y) a b in
  exists (wt : R) (wx : R -> R) (wxx : R),
    is_derive (fun s => w s x) t wt /\ (forall y, is_derive (fun z => w t z) y (wx y)) /\
    is_derive wx x wxx /\ wt = nu * wxx.
Proof.
  intros nu a b t x g.
  assert (H1 : 0 < nu) by (unfold nu; lra). assert (H2 : 0 < t) by (unfold t; lra).
  assert (H3 : forall y, Rmin a b <= y <= Rmax a b -> continuous g y).
  { intros y _. apply (@ex_derive_continuous R_AbsRing R_NormedModule). unfold g. auto_derive. exact I. }
  split; [exact H1|]. split; [exact H2|]. split; [exact H3|].
  exact (entropy_heat_integral nu a b t x g H1 H2 H3).
Qed.

Example entropy_viscous_hj_integral_example :
  let nu := 1 / 2 in let a := -1 in let b := 1 in let t := 1 in let x := 0 in
  let g := fun y => exp (- y ^ 2) in
  0 < nu /\ 0 < t /\ a < b /\ (forall y, a <= y <= b -> continuous g y) /\
  (forall y, a < y < b -> 0 < g y) /\
  let w := fun s z => RInt (fun y => heat_kernel nu s (z - y) * g y) a b in
  let u := fun s z => -2 * nu * ln (w s z) in
  exists (ut : R) (ux : R -> R) (uxx : R),
    is_derive (fun s => u s x) t ut /\ (forall y, is_derive (fun z => u t z) y (ux y)) /\
    is_derive ux x uxx /\ ut + (ux x) ^ 2 / 2 = nu * uxx.
Proof.
  intros nu a b t x g.
  assert (H1 : 0 < nu) by (unfold nu; lra). assert (H2 : 0 < t) by (unfold t; lra).
  assert (H3 : a < b) by (unfold a, b; lra).
  assert (H4 : forall y, a <= y <= b -> continuous g y).
  { intros y _. apply (@ex_derive_continuous R_AbsRing R_NormedModule). unfold g. auto_derive. exact I. }
  assert (H5 : forall y, a < y < b -> 0 < g y) by (intros y _; apply exp_pos).
  do 5 (split; [assumption|]).
  exact (entropy_viscous_hj_integral nu a b t x g H1 H2 H3 H4 H5).
Qed.

Print Assumptions entropy_cole_hopf.
Print Assumptions entropy_viscous_hj.
Print Assumptions entropy_hopf_lax.
Print Assumptions hopf_lax_first_order.
Print Assumptions entropy_leaf.
Print Assumptions heat_kernel_solves_heat.
Print Assumptions entropy_heat_integral.
Print Assumptions entropy_viscous_hj_integral.
