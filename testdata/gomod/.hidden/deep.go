// Decoy: a wrong file the lookup must not find.
package deep

func Wrong() {}
