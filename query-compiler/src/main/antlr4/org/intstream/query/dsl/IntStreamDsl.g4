/*
 * The IntStream query DSL: a query is a pipeline of primitives over the packet stream (or over another
 * query's output), written one operator per line after a '|'. docs/dsl.md documents every primitive with
 * an example; the parser builds the logical plan that the CQL front end shares.
 *
 *   # Sources that try TCP connections to many ports.
 *   query port_scan(threshold = 100, window = 10s)
 *     packets
 *     | filter tcp.flags.syn and not tcp.flags.ack
 *     | window tumbling window
 *     | map ip.src, l4.dport
 *     | distinct
 *     | reduce count() as ports by ip.src as src
 *     | filter ports > threshold
 */
grammar IntStreamDsl;

program
    : query* EOF
    ;

query
    : QUERY name=ident paramList? pipeline
    ;

paramList
    : '(' (param (',' param)*)? ')'
    ;

param
    : ident '=' expr
    ;

pipeline
    : (probeSource | source) ('|' operator)*
    ;

// Active measurement from the observation point (docs/dsl.md, "probe"):
//   probe rtt tcp to 10.0.0.0/29:22 every 1s
//   probe bandwidth to 10.0.0.2 every 30s bytes 1MB
probeSource
    : PROBE probeKind TO probeTarget (',' probeTarget)* EVERY expr probeOption*
    ;

probeKind
    : RTT proto=(TCP | ICMP)
    | BANDWIDTH
    ;

// An address, a prefix (each of its addresses), a host name, or a parameter; then an optional port.
probeTarget
    : address=primary (':' port=primary)?
    ;

probeOption
    : BYTES expr                                                           # probeBytes
    | TIMEOUT expr                                                         # probeTimeout
    ;

source
    : qualifiedName ('@' ident)?
    ;

operator
    : FILTER expr                                                          # filterOp
    | MAP namedExpr (',' namedExpr)*                                       # mapOp
    | DISTINCT usingClause?                                                # distinctOp
    | REDUCE namedExpr (',' namedExpr)* (BY namedExpr (',' namedExpr)*)? usingClause?  # reduceOp
    | WINDOW TUMBLING expr                                                 # tumblingOp
    | WINDOW SLIDING expr EVERY expr                                       # slidingOp
    | LEFT? JOIN source (USING '(' ident (',' ident)* ')')? (ON expr)?     # joinOp
    | UNION source (',' source)*                                           # unionOp
    | TOPK expr BY expr (ASC | DESC)? (PER expr (',' expr)*)?              # topkOp
    | PERCENTILE expr OF expr                                              # percentileOp
    | SKETCH namedExpr BY namedExpr (',' namedExpr)* usingClause (TOP expr)?  # sketchOp
    | SPLIT '{' branch (';' branch)* ';'? '}'                              # splitOp
    | SORT sortKey (',' sortKey)*                                          # sortOp
    | kind=(ISTREAM | DSTREAM | RSTREAM)                                   # streamOp
    ;

branch
    : ident ':' operator ('|' operator)*
    ;

usingClause
    : USING approxSpec (',' approxSpec)*
    ;

approxSpec
    : ident '(' (approxArg (',' approxArg)*)? ')'
    ;

approxArg
    : ident '=' expr
    ;

namedExpr
    : expr (AS ident)?
    ;

sortKey
    : expr (ASC | DESC)?
    ;

// Alternatives are listed from the tightest binding to the loosest.
expr
    : primary                                                  # primaryExpr
    | '-' expr                                                 # negateExpr
    | expr op=('*' | '/' | '//' | '%') expr                    # binaryExpr
    | expr op=('+' | '-') expr                                 # binaryExpr
    | expr op=('<<' | '>>') expr                               # binaryExpr
    | expr op='&' expr                                         # binaryExpr
    | expr op='^' expr                                         # binaryExpr
    | expr op=('==' | '!=' | '<' | '<=' | '>' | '>=' | IN) expr  # binaryExpr
    | expr IS (PRESENT | ABSENT)                               # isExpr
    | NOT expr                                                 # notExpr
    | expr op=AND expr                                         # binaryExpr
    | expr op=OR expr                                          # binaryExpr
    ;

primary
    : literal                                                  # literalPrimary
    | ident '(' '*' ')'                                        # starCallPrimary
    | ident '(' (expr (',' expr)*)? ')'                        # callPrimary
    | qualifiedName                                            # namePrimary
    | '(' expr ')'                                             # parenPrimary
    ;

literal
    : INT | FLOAT | DURATION | SIZE | STRING | IPV4 | PREFIX4 | TRUE | FALSE
    ;

qualifiedName
    : ident ('.' ident)*
    ;

// Operator words are keywords only where an operator is expected, so they stay usable as names
// (a parameter called "window", a field "tcp.flags.ack").
ident
    : IDENT
    | QUERY | FILTER | MAP | DISTINCT | REDUCE | WINDOW | TUMBLING | SLIDING | EVERY | LEFT | JOIN | USING
    | UNION | TOPK | PERCENTILE | OF | SKETCH | TOP | PER | SPLIT | SORT | ASC | DESC | ISTREAM | DSTREAM
    | RSTREAM | PRESENT | PROBE | RTT | TCP | ICMP | BANDWIDTH | TO | BYTES | TIMEOUT
    ;

// Reserved words.
AND : A N D ;
OR : O R ;
NOT : N O T ;
IN : I N ;
IS : I S ;
AS : A S ;
BY : B Y ;
ON : O N ;
TRUE : T R U E ;
FALSE : F A L S E ;
ABSENT : A B S E N T ;

// Operator words (see ident).
QUERY : Q U E R Y ;
FILTER : F I L T E R ;
MAP : M A P ;
DISTINCT : D I S T I N C T ;
REDUCE : R E D U C E ;
WINDOW : W I N D O W ;
TUMBLING : T U M B L I N G ;
SLIDING : S L I D I N G ;
EVERY : E V E R Y ;
LEFT : L E F T ;
JOIN : J O I N ;
USING : U S I N G ;
UNION : U N I O N ;
TOPK : T O P K ;
PERCENTILE : P E R C E N T I L E ;
OF : O F ;
SKETCH : S K E T C H ;
TOP : T O P ;
PER : P E R ;
SPLIT : S P L I T ;
SORT : S O R T ;
ASC : A S C ;
DESC : D E S C ;
ISTREAM : I S T R E A M ;
DSTREAM : D S T R E A M ;
RSTREAM : R S T R E A M ;
PRESENT : P R E S E N T ;
PROBE : P R O B E ;
RTT : R T T ;
TCP : T C P ;
ICMP : I C M P ;
BANDWIDTH : B A N D W I D T H ;
TO : T O ;
BYTES : B Y T E S ;
TIMEOUT : T I M E O U T ;

PREFIX4 : OCTET '.' OCTET '.' OCTET '.' OCTET '/' DIGIT+ ;
IPV4 : OCTET '.' OCTET '.' OCTET '.' OCTET ;
DURATION : DIGIT+ ('us' | 'ms' | 's' | 'm' | 'min' | 'h') ;
// A byte count: decimal (1KB = 1000 bytes, MB, GB) or binary (1KiB = 1024 bytes, MiB, GiB) units.
SIZE : DIGIT+ ([kKmMgG] [bB] | [kKmMgG] 'i' [bB]) ;
FLOAT : DIGIT+ '.' DIGIT+ ([eE] [+-]? DIGIT+)? | DIGIT+ [eE] [+-]? DIGIT+ ;
INT : DIGIT+ | '0x' [0-9a-fA-F]+ ;
STRING : '"' (~["\\\r\n] | '\\' .)* '"' | '\'' (~['\\\r\n] | '\\' .)* '\'' ;
IDENT : [a-zA-Z_] [a-zA-Z_0-9]* ;

COMMENT : '#' ~[\r\n]* -> channel(HIDDEN) ;
WS : [ \t\r\n]+ -> channel(HIDDEN) ;
// Anything else is one bad character, reported by the parser with its position.
ERROR_CHAR : . ;

fragment OCTET : DIGIT DIGIT? DIGIT? ;
fragment DIGIT : [0-9] ;
fragment A : [aA] ; fragment B : [bB] ; fragment C : [cC] ; fragment D : [dD] ; fragment E : [eE] ;
fragment F : [fF] ; fragment G : [gG] ; fragment H : [hH] ; fragment I : [iI] ; fragment J : [jJ] ;
fragment K : [kK] ; fragment L : [lL] ; fragment M : [mM] ; fragment N : [nN] ; fragment O : [oO] ;
fragment P : [pP] ; fragment Q : [qQ] ; fragment R : [rR] ; fragment S : [sS] ; fragment T : [tT] ;
fragment U : [uU] ; fragment V : [vV] ; fragment W : [wW] ; fragment X : [xX] ; fragment Y : [yY] ;
fragment Z : [zZ] ;
