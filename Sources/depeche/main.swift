import ArgumentParser
import DepecheCore

print("depeche \(Depeche.eventFormatVersion)")
