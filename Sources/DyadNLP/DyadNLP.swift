import DyadCore
