/*
| Abilities that are not tied to a model live here; Beacon's authorisation
| is in the policies under app/policies.
*/
export {}
