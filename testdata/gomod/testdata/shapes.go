// Decoy: a wrong file the lookup must not find.
package shapes

func Wrong() {}
