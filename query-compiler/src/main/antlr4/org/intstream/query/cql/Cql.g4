/*
 * CQL, the continuous query language of the STREAM system, as IntStream reads it (docs/cql.md): SQL's
 * Select-From-Where-Group By-Having-Order By over relations, windows that turn streams into relations,
 * and Istream/Dstream/Rstream that turn relations back into streams. A file holds named queries
 * ("Load: Select …") that later ones read by name. Keywords are case-insensitive.
 */
grammar Cql;

program
    : statement* EOF
    ;

statement
    : (name=IDENT ':')? body ';'?
    ;

body
    : setQuery
    | expr
    ;

setQuery
    : queryTerm (UNION ALL? queryTerm)*
    ;

queryTerm
    : select
    | '(' setQuery ')'
    ;

// Some alternatives below read mistakes (innerDistinct, a Slide without Range, a duration without unit,
// Count(Distinct *)) so that the builder can say in words what to write instead.
select
    : SELECT selectDistinct=DISTINCT? streamOp=(ISTREAM | DSTREAM | RSTREAM)
        '(' innerDistinct=DISTINCT? selectList ')' fromClause? whereClause? groupBy? having? orderBy?  # streamSelect
    | SELECT DISTINCT? selectList fromClause? whereClause? groupBy? having? orderBy?     # plainSelect
    ;

selectList
    : selectItem (',' selectItem)*
    ;

selectItem
    : '*'                                  # allColumns
    | IDENT '.' '*'                        # aliasColumns
    | expr (AS? alias=IDENT)?              # exprColumn
    ;

fromClause
    : FROM fromItem (','? fromItem)*
    ;

// "From Packets [Range 60 Minute] B Packets C": the published queries leave out a comma; items may
// follow each other with or without one.
fromItem
    : (source=IDENT | '(' setQuery ')') window? (AS? alias=IDENT)?
    ;

window
    : '[' NOW ']'                                            # nowWindow
    | '[' UNBOUNDED ']'                                      # unboundedWindow
    | '[' RANGE duration (SLIDE duration)? ']'               # rangeWindow
    | '[' ROWS INT ']'                                       # rowsWindow
    | '[' SLIDE duration ']'                                 # slideWithoutRangeWindow
    ;

duration
    : INT unit=IDENT?
    ;

whereClause
    : WHERE expr
    ;

groupBy
    : GROUP BY expr (',' expr)*
    ;

having
    : HAVING expr
    ;

orderBy
    : ORDER BY orderItem (',' orderItem)*
    ;

orderItem
    : expr (ASC | DESC)?
    ;

expr
    : primary                                                         # primaryExpr
    | '-' expr                                                        # negateExpr
    | expr op=('*' | '/' | '%') expr                                  # binaryExpr
    | expr op=('+' | '-') expr                                        # binaryExpr
    | expr op=('=' | '<>' | '!=' | '<' | '<=' | '>' | '>=') expr      # binaryExpr
    | expr IS NOT? NULL                                               # isNullExpr
    | expr NOT? IN '(' setQuery ')'                                   # inQueryExpr
    | tuple NOT? IN '(' setQuery ')'                                  # tupleInQueryExpr
    | expr NOT? IN '(' expr (',' expr)* ')'                           # inListExpr
    | NOT? EXISTS '(' setQuery ')'                                    # existsExpr
    | NOT expr                                                        # notExpr
    | expr op=AND expr                                                # binaryExpr
    | expr op=OR expr                                                 # binaryExpr
    ;

tuple
    : '(' expr ',' expr (',' expr)* ')'
    ;

primary
    : literal                                                # literalPrimary
    | fn=IDENT '(' DISTINCT? '*' ')'                         # starCallPrimary
    | fn=IDENT '(' DISTINCT? (expr (',' expr)*)? ')'         # callPrimary
    | IDENT ('.' IDENT)?                                     # columnPrimary
    | '(' setQuery ')'                                       # scalarSubqueryPrimary
    | '(' expr ')'                                           # parenPrimary
    ;

literal
    : INT | FLOAT | STRING | TRUE | FALSE | NULL
    ;

SELECT : S E L E C T ;
DISTINCT : D I S T I N C T ;
ISTREAM : I S T R E A M ;
DSTREAM : D S T R E A M ;
RSTREAM : R S T R E A M ;
FROM : F R O M ;
WHERE : W H E R E ;
GROUP : G R O U P ;
BY : B Y ;
HAVING : H A V I N G ;
ORDER : O R D E R ;
ASC : A S C ;
DESC : D E S C ;
AS : A S ;
UNION : U N I O N ;
ALL : A L L ;
AND : A N D ;
OR : O R ;
NOT : N O T ;
IN : I N ;
IS : I S ;
NULL : N U L L ;
EXISTS : E X I S T S ;
TRUE : T R U E ;
FALSE : F A L S E ;
NOW : N O W ;
UNBOUNDED : U N B O U N D E D ;
RANGE : R A N G E ;
SLIDE : S L I D E ;
ROWS : R O W S ;

INT : DIGIT+ ;
FLOAT : DIGIT+ '.' DIGIT+ ([eE] [+-]? DIGIT+)? | '.' DIGIT+ ;
STRING : '\'' ( ~'\'' | '\'\'' )* '\'' ;
IDENT : [a-zA-Z_] [a-zA-Z_0-9]* ;

LINE_COMMENT : '--' ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
WS : [ \t\r\n]+ -> channel(HIDDEN) ;
ERROR_CHAR : . ;

fragment DIGIT : [0-9] ;
fragment A : [aA] ; fragment B : [bB] ; fragment C : [cC] ; fragment D : [dD] ; fragment E : [eE] ;
fragment F : [fF] ; fragment G : [gG] ; fragment H : [hH] ; fragment I : [iI] ; fragment J : [jJ] ;
fragment K : [kK] ; fragment L : [lL] ; fragment M : [mM] ; fragment N : [nN] ; fragment O : [oO] ;
fragment P : [pP] ; fragment Q : [qQ] ; fragment R : [rR] ; fragment S : [sS] ; fragment T : [tT] ;
fragment U : [uU] ; fragment V : [vV] ; fragment W : [wW] ; fragment X : [xX] ; fragment Y : [yY] ;
fragment Z : [zZ] ;
