(** * Family B — from viscous Hamilton–Jacobi to viscous Burgers (1-D), and exact solutions.

    - [burgers_reduction] (id [burgers.reduction]): if [u(t,x)] solves
      [u_t + ½ u_x² = ν u_xx] near [(t,x)], with the regularity that Schwarz's theorem needs, then
      [p = ∂ₓu] solves [p_t + p p_x = ν p_xx] at [(t,x)].
    - [burgers_exact] (id [burgers.exact]): the linear profile [p = a x / (1 + a t)].
    - [burgers_exact_travelling]: the travelling viscous shock
      [p = s − (J/2) tanh(J (x − s t) / (4ν))].

    Partial derivatives are Coquelicot [Derive] values, each paired with an [ex_derive]
    hypothesis or conclusion; mixed partials are swapped with [Schwarz] from [Derive_2d]. *)

From Coq Require Import Reals Lra.
From Coquelicot Require Import Coquelicot.
Open Scope R_scope.

(** ** Reduction: the gradient of a viscous HJ solution solves viscous Burgers *)

Theorem burgers_reduction (nu t x : R) (u : R -> R -> R) :
  (* Schwarz's hypotheses near (t,x): first partials and both mixed partials exist ... *)
  locally_2d (fun s y =>
    ex_derive (fun r => u r y) s /\ ex_derive (fun r => u s r) y /\
    ex_derive (fun r => Derive (fun z => u r z) y) s /\
    ex_derive (fun r => Derive (fun z => u z r) s) y) t x ->
  (* ... and the mixed partials u_xt and u_tx are continuous at (t,x) *)
  continuity_2d_pt (fun s y => Derive (fun r => Derive (fun z => u r z) y) s) t x ->
  continuity_2d_pt (fun s y => Derive (fun r => Derive (fun z => u z r) s) y) t x ->
  (* u_xx exists near x and u_xxx at x, on the slice t *)
  locally x (fun y => ex_derive (fun r => Derive (fun z => u t z) r) y) ->
  ex_derive (fun y => Derive (fun r => Derive (fun z => u t z) r) y) x ->
  (* viscous Hamilton–Jacobi near (t,x) *)
  locally_2d (fun s y =>
    Derive (fun r => u r y) s + (Derive (fun z => u s z) y) ^ 2 / 2
    = nu * Derive (fun r => Derive (fun z => u s z) r) y) t x ->
  let p := fun s y => Derive (fun z => u s z) y in
  ex_derive (fun s => p s x) t /\ ex_derive (fun y => p t y) x /\
  ex_derive (fun y => Derive (fun z => p t z) y) x /\
  Derive (fun s => p s x) t + p t x * Derive (fun y => p t y) x
  = nu * Derive (fun y => Derive (fun z => p t z) y) x.
Proof.
  intros Hreg Hc1 Hc2 Hxx Hxxx Hhj p.
  assert (Hsw := Schwarz u t x Hreg Hc1 Hc2).
  destruct (locally_2d_singleton _ _ _ Hreg) as (_ & _ & Hxt & Htx).
  assert (Hx : ex_derive (fun r => Derive (fun z => u t z) r) x) by exact (locally_singleton _ _ Hxx).
  unfold p.
  split; [exact Hxt|]. split; [exact Hx|]. split; [exact Hxxx|].
  (* differentiate the HJ equation in x along the slice t *)
  set (ut := fun y => Derive (fun r => u r y) t).
  set (ux := fun y => Derive (fun z => u t z) y).
  set (uxx := fun y => Derive ux y).
  assert (Hloc : locally x (fun y => ut y + ux y ^ 2 / 2 = nu * uxx y)).
  { exact (locally_2d_1d_const_x _ _ _ Hhj). }
  assert (Dl : is_derive (fun y => ut y + ux y ^ 2 / 2) x
                 (Derive ut x + ux x * Derive ux x)).
  { assert (H1 : is_derive ut x (Derive ut x)) by (apply Derive_correct; exact Htx).
    assert (H2 : is_derive ux x (Derive ux x)) by (apply Derive_correct; exact Hx).
    assert (H3 := is_derive_plus _ _ _ _ _ H1 (is_derive_scal _ _ (/ 2) _ (is_derive_pow ux 2 x _ H2))).
    replace (Derive ut x + ux x * Derive ux x) with
      (plus (Derive ut x) (/ 2 * (INR 2 * Derive ux x * ux x ^ Init.Nat.pred 2))).
    - eapply is_derive_ext; [|exact H3]. intros y. unfold plus; simpl. unfold Rdiv. ring.
    - unfold plus; simpl. field. }
  assert (Dr : is_derive (fun y => nu * uxx y) x (nu * Derive uxx x)).
  { apply is_derive_scal. apply Derive_correct. exact Hxxx. }
  assert (Dl' := is_derive_ext_loc _ _ _ _ Hloc Dl).
  assert (E : Derive ut x + ux x * Derive ux x = nu * Derive uxx x).
  { rewrite <- (is_derive_unique _ _ _ Dr). rewrite <- (is_derive_unique _ _ _ Dl'). reflexivity. }
  rewrite Hsw. exact E.
Qed.

(** *** Non-vacuity: the quadratic viscous HJ solution

    [u(s,y) = y²/(2(1 + s)) + ν ln(1 + s)] (the quadratic local entropy of [entropy_viscous_hj]
    with [a = 1]) solves viscous HJ where [1 + s > 0], with every term non-zero:
    [u_t = −y²/(2(1+s)²) + ν/(1+s)], [u_x = y/(1+s)], [u_xx = 1/(1+s)].  Its gradient
    [p = y/(1+s)] has [p_t = −y/(1+s)² ≠ 0] and [p p_x = y/(1+s)² ≠ 0] for [y ≠ 0]. *)

Definition uq (nu s y : R) : R := y ^ 2 / (2 * (1 + s)) + nu * ln (1 + s).

Lemma near_pos (t : R) : 0 < 1 + t -> locally t (fun s => 0 < 1 + s).
Proof.
  intros H. apply (filter_imp (fun s => -1 < s)); [intros s Hs; lra|].
  apply (open_gt (-1)). lra.
Qed.

Lemma near_pos_2d (t x : R) : 0 < 1 + t -> locally_2d (fun s y => 0 < 1 + s) t x.
Proof.
  intros H. assert (Hd : 0 < (1 + t) / 2) by lra.
  exists (mkposreal _ Hd). intros s y Hs _. simpl in Hs. apply Rabs_def2 in Hs. lra.
Qed.

(** Every [P] that holds where [1 + s > 0] holds near [(t, x)] when [1 + t > 0]. *)
Lemma near_pos_2d_impl (P : R -> R -> Prop) (t x : R) :
  0 < 1 + t -> (forall s y, 0 < 1 + s -> P s y) -> locally_2d P t x.
Proof.
  intros H HP. apply (locally_2d_impl (fun s y => 0 < 1 + s)); [|exact (near_pos_2d t x H)].
  apply locally_2d_forall. exact HP.
Qed.

Lemma uq_x (nu s y : R) : 0 < 1 + s -> is_derive (fun z => uq nu s z) y (y / (1 + s)).
Proof. intros H. unfold uq. auto_derive; [repeat split; lra | field; lra]. Qed.

Lemma uq_t (nu s y : R) :
  0 < 1 + s -> is_derive (fun r => uq nu r y) s (- y ^ 2 / (2 * (1 + s) ^ 2) + nu / (1 + s)).
Proof. intros H. unfold uq. auto_derive; [repeat split; lra | field; lra]. Qed.

(** A function equal near [s] to one with derivative [d] has derivative [d] there: the step
    shared by the second partials of [uq] below. *)
Lemma derive_of_loc_eq (f g : R -> R) (s d : R) :
  locally s (fun r => g r = f r) -> is_derive g s d -> ex_derive f s /\ Derive f s = d.
Proof.
  intros E D. assert (D' := is_derive_ext_loc _ _ _ _ E D).
  split; [eexists; exact D' | apply is_derive_unique; exact D'].
Qed.

Lemma uq_xx (nu s y : R) : 0 < 1 + s ->
  ex_derive (fun r => Derive (fun z => uq nu s z) r) y /\
  Derive (fun r => Derive (fun z => uq nu s z) r) y = 1 / (1 + s).
Proof.
  intros H. apply (derive_of_loc_eq _ (fun r => r / (1 + s))).
  - apply filter_forall. intros r. symmetry. apply is_derive_unique. apply (uq_x nu). exact H.
  - auto_derive; [lra | field; lra].
Qed.

Lemma uq_xt (nu s y : R) : 0 < 1 + s ->
  ex_derive (fun r => Derive (fun z => uq nu r z) y) s /\
  Derive (fun r => Derive (fun z => uq nu r z) y) s = - y / ((1 + s) * (1 + s)).
Proof.
  intros H. apply (derive_of_loc_eq _ (fun r => y / (1 + r))).
  - apply (filter_imp (fun r => 0 < 1 + r)); [|exact (near_pos s H)].
    intros r Hr. symmetry. apply is_derive_unique. apply (uq_x nu). exact Hr.
  - auto_derive; [lra | field; lra].
Qed.

Lemma uq_tx (nu s y : R) : 0 < 1 + s ->
  ex_derive (fun r => Derive (fun z => uq nu z r) s) y /\
  Derive (fun r => Derive (fun z => uq nu z r) s) y = - y / ((1 + s) * (1 + s)).
Proof.
  intros H. apply (derive_of_loc_eq _ (fun r => - r ^ 2 / (2 * (1 + s) ^ 2) + nu / (1 + s))).
  - apply filter_forall. intros r. symmetry. apply is_derive_unique. apply (uq_t nu). exact H.
  - auto_derive; [lra | field; lra].
Qed.

(** [(s, y) ↦ −y/((1+s)(1+s))], the mixed partial, is continuous where [1 + s > 0]. *)
Lemma continuity_mixed (t x : R) : 0 < 1 + t ->
  continuity_2d_pt (fun s y => - y / ((1 + s) * (1 + s))) t x.
Proof.
  intros H. unfold Rdiv.
  apply continuity_2d_pt_mult.
  - apply continuity_2d_pt_opp. apply continuity_2d_pt_id2.
  - apply continuity_2d_pt_inv.
    + apply continuity_2d_pt_mult; apply continuity_2d_pt_plus;
        [apply continuity_2d_pt_const | apply continuity_2d_pt_id1
        |apply continuity_2d_pt_const | apply continuity_2d_pt_id1].
    + apply Rgt_not_eq. apply Rmult_lt_0_compat; exact H.
Qed.

Example burgers_reduction_example (nu t x : R) :
  0 < 1 + t ->
  let u := fun s y => y ^ 2 / (2 * (1 + s)) + nu * ln (1 + s) in
  locally_2d (fun s y =>
    ex_derive (fun r => u r y) s /\ ex_derive (fun r => u s r) y /\
    ex_derive (fun r => Derive (fun z => u r z) y) s /\
    ex_derive (fun r => Derive (fun z => u z r) s) y) t x /\
  continuity_2d_pt (fun s y => Derive (fun r => Derive (fun z => u r z) y) s) t x /\
  continuity_2d_pt (fun s y => Derive (fun r => Derive (fun z => u z r) s) y) t x /\
  locally x (fun y => ex_derive (fun r => Derive (fun z => u t z) r) y) /\
  ex_derive (fun y => Derive (fun r => Derive (fun z => u t z) r) y) x /\
  locally_2d (fun s y =>
    Derive (fun r => u r y) s + (Derive (fun z => u s z) y) ^ 2 / 2
    = nu * Derive (fun r => Derive (fun z => u s z) r) y) t x /\
  (* every term of viscous HJ at (t, x) *)
  Derive (fun r => u r x) t = - x ^ 2 / (2 * (1 + t) ^ 2) + nu / (1 + t) /\
  Derive (fun z => u t z) x = x / (1 + t) /\
  Derive (fun r => Derive (fun z => u t z) r) x = 1 / (1 + t) /\
  let p := fun s y => Derive (fun z => u s z) y in
  (* every term of viscous Burgers at (t, x): p_t = −x/(1+t)², p p_x = x/(1+t)², p_xx = 0 *)
  Derive (fun s => p s x) t = - x / ((1 + t) * (1 + t)) /\
  p t x * Derive (fun y => p t y) x = x / ((1 + t) * (1 + t)) /\
  Derive (fun y => Derive (fun z => p t z) y) x = 0 /\
  ex_derive (fun s => p s x) t /\ ex_derive (fun y => p t y) x /\
  ex_derive (fun y => Derive (fun z => p t z) y) x /\
  Derive (fun s => p s x) t + p t x * Derive (fun y => p t y) x
  = nu * Derive (fun y => Derive (fun z => p t z) y) x.
Proof.
  intros Ht u.
  assert (Ux : forall s y, 0 < 1 + s -> Derive (fun z => u s z) y = y / (1 + s)).
  { intros s y H. apply is_derive_unique. apply (uq_x nu). exact H. }
  assert (Ut : forall s y, 0 < 1 + s ->
            Derive (fun r => u r y) s = - y ^ 2 / (2 * (1 + s) ^ 2) + nu / (1 + s)).
  { intros s y H. apply is_derive_unique. apply (uq_t nu). exact H. }
  assert (H1 : locally_2d (fun s y =>
    ex_derive (fun r => u r y) s /\ ex_derive (fun r => u s r) y /\
    ex_derive (fun r => Derive (fun z => u r z) y) s /\
    ex_derive (fun r => Derive (fun z => u z r) s) y) t x).
  { apply near_pos_2d_impl; [exact Ht|]. intros s y H.
    split; [|split; [|split]].
    - eexists. apply (uq_t nu). exact H.
    - eexists. apply (uq_x nu). exact H.
    - exact (proj1 (uq_xt nu s y H)).
    - exact (proj1 (uq_tx nu s y H)). }
  assert (H2 : continuity_2d_pt (fun s y => Derive (fun r => Derive (fun z => u r z) y) s) t x).
  { apply (continuity_2d_pt_ext_loc (fun s y => - y / ((1 + s) * (1 + s)))).
    - apply near_pos_2d_impl; [exact Ht|]. intros s y H. symmetry. exact (proj2 (uq_xt nu s y H)).
    - apply continuity_mixed. exact Ht. }
  assert (H3 : continuity_2d_pt (fun s y => Derive (fun r => Derive (fun z => u z r) s) y) t x).
  { apply (continuity_2d_pt_ext_loc (fun s y => - y / ((1 + s) * (1 + s)))).
    - apply near_pos_2d_impl; [exact Ht|]. intros s y H. symmetry. exact (proj2 (uq_tx nu s y H)).
    - apply continuity_mixed. exact Ht. }
  assert (H4 : locally x (fun y => ex_derive (fun r => Derive (fun z => u t z) r) y)).
  { apply filter_forall. intros y. exact (proj1 (uq_xx nu t y Ht)). }
  assert (Uxx : forall y, Derive (fun r => Derive (fun z => u t z) r) y = 1 / (1 + t)).
  { intros y. exact (proj2 (uq_xx nu t y Ht)). }
  assert (H5 : ex_derive (fun y => Derive (fun r => Derive (fun z => u t z) r) y) x).
  { apply (ex_derive_ext (fun _ => 1 / (1 + t))); [intros y; symmetry; apply Uxx|].
    apply ex_derive_const. }
  assert (H6 : locally_2d (fun s y =>
    Derive (fun r => u r y) s + (Derive (fun z => u s z) y) ^ 2 / 2
    = nu * Derive (fun r => Derive (fun z => u s z) r) y) t x).
  { apply near_pos_2d_impl; [exact Ht|]. intros s y H.
    assert (E : Derive (fun r => Derive (fun z => u s z) r) y = 1 / (1 + s))
      by exact (proj2 (uq_xx nu s y H)).
    rewrite (Ut s y H), (Ux s y H), E. field. lra. }
  assert (Pxx : Derive (fun y => Derive (fun r => Derive (fun z => u t z) r) y) x = 0).
  { rewrite (Derive_ext _ (fun _ => 1 / (1 + t))); [apply Derive_const | apply Uxx]. }
  do 6 (split; [assumption|]).
  split; [apply Ut; exact Ht|]. split; [apply Ux; exact Ht|]. split; [apply Uxx|].
  intros p. unfold p.
  split; [exact (proj2 (uq_xt nu t x Ht))|].
  split; [rewrite (Ux t x Ht), Uxx; field; lra|].
  split; [exact Pxx|].
  exact (burgers_reduction nu t x u H1 H2 H3 H4 H5 H6).
Qed.

(** ** Exact solutions *)

(** The linear profile, the gradient of the quadratic HJ solution; [1 + a t ≠ 0] is needed
    for it to be defined (for [a < 0] it blows up at [t = 1/|a|]). *)
Theorem burgers_exact (nu a t x : R) :
  1 + a * t <> 0 ->
  let p := fun s y => a * y / (1 + a * s) in
  exists (pt : R) (px : R -> R) (pxx : R),
    is_derive (fun s => p s x) t pt /\
    (forall y, is_derive (fun z => p t z) y (px y)) /\
    is_derive px x pxx /\
    pt + p t x * px x = nu * pxx.
Proof.
  intros Ha p.
  exists (- a ^ 2 * x / (1 + a * t) ^ 2), (fun _ => a / (1 + a * t)), 0.
  split; [|split; [|split]].
  - unfold p. auto_derive; [exact Ha | field; exact Ha].
  - intros y. unfold p. auto_derive; [exact I | field; exact Ha].
  - apply (is_derive_const (a / (1 + a * t))).
  - unfold p. field. exact Ha.
Qed.

(** Non-vacuity: [a = −1] at [t = 1/2], before the blow-up time [1]. *)
Example burgers_exact_example (nu x : R) :
  let a := -1 in let t := 1 / 2 in
  1 + a * t <> 0 /\
  let p := fun s y => a * y / (1 + a * s) in
  exists (pt : R) (px : R -> R) (pxx : R),
    is_derive (fun s => p s x) t pt /\ (forall y, is_derive (fun z => p t z) y (px y)) /\
    is_derive px x pxx /\ pt + p t x * px x = nu * pxx.
Proof.
  intros a t. assert (H : 1 + a * t <> 0) by (unfold a, t; lra).
  split; [exact H | exact (burgers_exact nu a t x H)].
Qed.

(** The hyperbolic tangent, written with [exp] (the denominator is positive). *)
Definition tanh (z : R) : R := (exp z - exp (- z)) / (exp z + exp (- z)).

Lemma exp_sum_pos (z : R) : exp z + exp (- z) <> 0.
Proof. apply Rgt_not_eq. apply Rplus_lt_0_compat; apply exp_pos. Qed.

(** Chain rule with the value written as a real product. *)
Lemma is_derive_comp_R (f g : R -> R) (x df dg : R) :
  is_derive f (g x) df -> is_derive g x dg -> is_derive (fun y => f (g y)) x (dg * df).
Proof. intros Hf Hg. exact (is_derive_comp f g x df dg Hf Hg). Qed.

Lemma is_derive_tanh_profile (c1 c2 z : R) :
  is_derive (fun z => c1 - c2 * tanh z) z (- c2 * (1 - tanh z ^ 2)).
Proof.
  unfold tanh. auto_derive; [repeat split; try exact I; apply exp_sum_pos|].
  field. apply exp_sum_pos.
Qed.

Lemma is_derive_sech2 (c z : R) :
  is_derive (fun z => c * (1 - tanh z ^ 2)) z (c * (-2 * tanh z * (1 - tanh z ^ 2))).
Proof.
  unfold tanh. auto_derive; [repeat split; try exact I; apply exp_sum_pos|].
  field. apply exp_sum_pos.
Qed.

(** The travelling viscous shock from [s + J/2] to [s − J/2], moving with speed [s]. *)
Theorem burgers_exact_travelling (nu s J t x : R) :
  0 < nu ->
  let p := fun r y => s - J / 2 * tanh (J * (y - s * r) / (4 * nu)) in
  exists (pt : R) (px : R -> R) (pxx : R),
    is_derive (fun r => p r x) t pt /\
    (forall y, is_derive (fun z => p t z) y (px y)) /\
    is_derive px x pxx /\
    pt + p t x * px x = nu * pxx.
Proof.
  intros Hnu p.
  assert (Hn : nu <> 0) by lra.
  set (k := J / (4 * nu)).
  set (g := fun r y => J * (y - s * r) / (4 * nu)).
  set (T := tanh (g t x)).
  exists (- (J * s / (4 * nu)) * (- (J / 2) * (1 - T ^ 2))),
    (fun y => J / (4 * nu) * (- (J / 2) * (1 - tanh (g t y) ^ 2))),
    (J / (4 * nu) * (J / (4 * nu) * (- (J / 2)) * (-2 * T * (1 - T ^ 2)))).
  split; [|split; [|split]].
  - apply (is_derive_comp_R (fun z => s - J / 2 * tanh z) (fun r => g r x)).
    + apply is_derive_tanh_profile.
    + unfold g. auto_derive; [exact I | field; exact Hn].
  - intros y.
    apply (is_derive_comp_R (fun z => s - J / 2 * tanh z) (fun z => g t z)).
    + apply is_derive_tanh_profile.
    + unfold g. auto_derive; [exact I | field; exact Hn].
  - apply (is_derive_ext (fun y => J / (4 * nu) * (- (J / 2)) * (1 - tanh (g t y) ^ 2)));
      [intros y; apply Rmult_assoc|].
    apply (is_derive_comp_R (fun z => J / (4 * nu) * (- (J / 2)) * (1 - tanh z ^ 2)) (fun z => g t z)).
    + apply is_derive_sech2.
    + unfold g. auto_derive; [exact I | field; exact Hn].
  - unfold p. fold (g t x). fold T. field. exact Hn.
Qed.

(** Non-vacuity: [ν = 1/10], jump [J = 2] from [1] to [−1], standing shock [s = 0]. *)
Example burgers_exact_travelling_example (t x : R) :
  let p := fun r y => 0 - 2 / 2 * tanh (2 * (y - 0 * r) / (4 * (1 / 10))) in
  exists (pt : R) (px : R -> R) (pxx : R),
    is_derive (fun r => p r x) t pt /\ (forall y, is_derive (fun z => p t z) y (px y)) /\
    is_derive px x pxx /\ pt + p t x * px x = 1 / 10 * pxx.
Proof. apply burgers_exact_travelling. lra. Qed.

Print Assumptions burgers_reduction.
Print Assumptions burgers_exact.
Print Assumptions burgers_exact_travelling.
